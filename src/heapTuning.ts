import { setFlagsFromString } from 'node:v8';

/**
 * Imported first by index.ts, so `node dist/index.js` (what `npm start` and App Service run)
 * always has it. After each full garbage collection V8 sets the next one's trigger at the live
 * heap times a factor it picks from how fast the program allocates; measured once the bot is
 * started and idle (nothing allocating), that factor is V8's largest, so under load the old
 * generation filled with dead turn objects to ~180 MB before V8 collected it (bot RSS 300-340 MB
 * in `npm run bench`; live data after a full collection is ~57 MB). A fixed 1.4 collects at
 * ~80-100 MB: RSS under the same load ~230 MB, for a ~12 ms mostly concurrent collection every
 * few seconds of full load. This flag, unlike the heap's size limits (`--max-semi-space-size`,
 * `--max-old-space-size`, fixed when the heap is set up), is read at every collection, so
 * setting it here takes effect.
 */
setFlagsFromString('--heap-growing-percent=40');
