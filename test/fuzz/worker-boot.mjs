// Worker threads start without the TypeScript loader the test runner or tsx gave the main thread:
// register tsx here, then load the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
