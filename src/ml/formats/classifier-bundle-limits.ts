/**
 * Caps on what a classifier file may hold, set from the largest file the app can legitimately
 * write: a classifier with 1,000 training photos exported with its samples. Each cap has room to
 * spare over that, yet keeps a hostile file within a phone's memory and a couple of seconds.
 */

/** Training photos in the largest legitimate export. */
export const MAX_SAMPLES = 1000;

/**
 * Parts of the zip: per sample features + thumbnail + original (3 × 1,000), the manifest, the
 * weights and a few spare (e.g. an open-set feature bank), rounded up.
 */
export const MAX_ZIP_ENTRIES = 4096;

/**
 * One part, unpacked. The largest real one is weights.bin of a head with a 4,096-unit hidden layer
 * over 2,048 features and 1,000 classes: (2048 × 4096 + 4096 × 1000) × 4 B ≈ 50 MB. Features of one
 * sample are 4 views × 2,048 × 4 B = 32 KB; an fp16 feature bank of 1,000 × 2,048 is 4 MB.
 */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/**
 * manifest.json: ≈500 B per sample (its entry and three file listings with SHA-256) → 0.5 MB, plus
 * 1,000 class names and ids of at most 200 characters (≤ 1.2 MB of UTF-8) and training history.
 */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** The head's Keras JSON: ≈3 KB for the app's heads (Dropout, Dense, Dropout, Dense). */
export const MAX_TOPOLOGY_CHARS = 64 * 1024;

/** Nesting of the manifest: the deepest real value is card.project.history[i].field (depth 5). */
export const MAX_JSON_DEPTH = 32;

/** JSON tokens ({ [ , :) in the manifest: ≈30 per sample and 10 per class name, so ≈50,000 at most. */
export const MAX_JSON_TOKENS = 250_000;

/**
 * Unpacked ÷ packed size of one part. Float features and weights deflate to ≈90 %, JSON with
 * SHA-256 hex to ≈40 %, photos are stored; deflate itself allows 1,032:1, which only a bomb uses.
 * Parts under RATIO_FREE_BYTES are exempt (a small, repetitive manifest may pack tightly).
 */
export const MAX_COMPRESSION_RATIO = 64;
export const RATIO_FREE_BYTES = 1024 * 1024;

/** Hidden units of the one optional hidden layer (the training form allows up to 4,096). */
export const MAX_HIDDEN_UNITS = 4096;

/**
 * Largest |weight|. Heads trained here (Adam with L2 decay) stay below 1; 1,000 keeps every logit
 * finite in float32 for any real feature vector, so the softmax is a probability vector.
 */
export const MAX_ABS_WEIGHT = 1000;
