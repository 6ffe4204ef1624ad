import { defineConfig } from 'vite';

/**
 * Builds the page into `dist/`, which the app serves at `/` (libs/http DashboardModule). `npm run dev -w
 * @customs-pulse/dashboard` serves the sources with hot reload and forwards the API and live push to the app on
 * `DASHBOARD_API` (default http://localhost:3000), so both run side by side.
 */
const api = process.env.DASHBOARD_API ?? 'http://localhost:3000';

export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
