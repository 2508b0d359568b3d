// `npx vite build` here writes where the tests do: ../target/www-dist. (A plain object, so
// the tests' Vite, from the repository root, can load it too.)
export default {
  build: { outDir: "../target/www-dist", emptyOutDir: true },
  // The package is linked from ../pkg (a file: dependency); let the dev server read it.
  server: { fs: { allow: [".", "../pkg"] } },
};
