/** Set at build time (vite.config.ts): tells builds apart, and makes each build a new app version. */
declare const __BUILD_ID__: string;
