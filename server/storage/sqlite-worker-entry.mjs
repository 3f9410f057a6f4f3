// Worker bootstrap: lets the worker load the TypeScript store whether or not the parent
// process already runs under tsx (the server does; vitest does not).
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-worker.ts');
