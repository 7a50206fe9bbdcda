import { setFlagsFromString } from 'node:v8';

/**
 * Imported first by index.ts, before the rest of the app allocates. A turn allocates a lot of
 * short-lived objects (activities, SDK requests, cards); with V8's default young generation (16 MB
 * semi-spaces) the heap grew to 300-360 MB under 8 turns in flight in `npm run bench`. 4 MB keeps
 * it near 200 MB for the same CPU per turn. Set here rather than on the command line so
 * `node dist/index.js` (App Service runs `npm start`) always has it.
 */
setFlagsFromString('--max-semi-space-size=4');
