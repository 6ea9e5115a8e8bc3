import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// TypeScript in components, read by Vite's plugin and by svelte-check.
export default { preprocess: vitePreprocess() };
