// Worker bootstrap: lets the attacker's worker load its TypeScript (vitest does not run it under tsx).
import { register } from 'tsx/esm/api';

register();
await import('./attacker-worker.ts');
