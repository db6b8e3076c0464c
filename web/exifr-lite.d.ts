/** exifr's lite build (no package exports map): the same API as the full build, fewer parsers. */
declare module "exifr/dist/lite.esm.mjs" {
  export * from "exifr";
  export { default } from "exifr";
}
