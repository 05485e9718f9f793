import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // Electron main process: windows, security, OS.
          index: resolve(__dirname, 'src/main/app/index.ts'),
          // The core inside Electron's utilityProcess.
          'core-host': resolve(__dirname, 'src/main/app/core-host.ts'),
          // The same core as a plain Node hub server (npm run serve); never imports electron.
          server: resolve(__dirname, 'src/main/server/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
