/** TF.js for the Node CLIs: the WASM backend (≈7× the pure-JS CPU one; tfjs-node cannot install). */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export async function initNodeTf(backend = process.env.TF_BACKEND ?? 'wasm'): Promise<typeof tf> {
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend "${backend}" is not available in Node.`);
  await tf.ready();
  return tf;
}
export { tf };
