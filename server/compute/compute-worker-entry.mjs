// Worker bootstrap: lets the compute worker load TypeScript whether or not the parent process
// already runs under tsx (the server does; vitest does not). As sqlite-worker-entry.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./compute-worker.ts');
