/** The version of the tool, put into the bundles by esbuild.mjs (`define`); unbundled code (tests) says `0.0.0-dev`. */
declare const PINGONE_PHONE_DELIVERY_VERSION: string | undefined;

export const VERSION: string = typeof PINGONE_PHONE_DELIVERY_VERSION === 'string' ? PINGONE_PHONE_DELIVERY_VERSION : '0.0.0-dev';
