// What a browser app using the official JS SDK would bundle just to call RAM
// and STS: the two clients (and all they import). `make bench` bundles this
// with esbuild (minified, for the browser) and compares its gzip size with
// Ramp's whole app.
export { default as Ram } from '@alicloud/ram20150501';
export { default as Sts } from '@alicloud/sts20150401';
