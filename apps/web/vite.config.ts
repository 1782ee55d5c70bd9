import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    tailwindcss(),
    sveltekit({
      adapter: adapter(),
      compilerOptions: { runes: true },
    }),
  ],
  ssr: {
    // Native addons cannot be bundled; the built server loads them from node_modules, so they are
    // also direct dependencies of this package (pnpm only links a package's own dependencies).
    external: ['@node-rs/argon2'],
  },
});
