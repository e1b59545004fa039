import { loadLibxml2 } from '../src/xml/libxml2.js';

// The tests import the modules under src/ directly, not the library entry that loads libxml2-wasm.
await loadLibxml2();
