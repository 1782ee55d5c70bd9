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
      // SvelteKit's own origin check is off because src/lib/server/csrf.ts (run from
      // hooks.server.ts) replaces it: it covers every non-GET request, JSON included, and compares
      // against ORIGIN rather than the https origin adapter-node assumes from the Host header.
      csrf: { trustedOrigins: ['*'] },
    }),
  ],
  ssr: {
    // Native addons cannot be bundled; the built server loads them from node_modules, so they are
    // also direct dependencies of this package (pnpm only links a package's own dependencies).
    external: ['@node-rs/argon2'],
  },
});
