// Module resolution hooks for the stand-in: `electron` is ours; STANDIN_BREAK_KEYRING=1 plays a package
// whose native binding is missing, as on a platform without a prebuilt binary.
const standIn = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: standIn, shortCircuit: true };
  if (specifier === '@napi-rs/keyring' && process.env.STANDIN_BREAK_KEYRING === '1') {
    throw new Error('Cannot find native binding. npm has a bug related to optional dependencies (@napi-rs/keyring-linux-x64-gnu)');
  }
  return nextResolve(specifier, context);
}
