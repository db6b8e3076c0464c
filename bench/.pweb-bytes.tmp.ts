import { benchBundleSize } from "./bundle-size";
for (const l of ["en", "zh"] as const) {
  const r = await benchBundleSize("dist/client", l);
  console.log(l, r.totalGzip, r.parts.map((p) => `${p.file}:${p.gzip}`).join(" "));
}
