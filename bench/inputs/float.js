// Floating-point work for the bench: spectral norm and a Mandelbrot set.
function A(i, j) { return 1 / ((i + j) * (i + j + 1) / 2 + i + 1); }
function Au(u, v) { for (var i = 0; i < u.length; i++) { var t = 0; for (var j = 0; j < u.length; j++) t += A(i, j) * u[j]; v[i] = t; } }
function Atu(u, v) { for (var i = 0; i < u.length; i++) { var t = 0; for (var j = 0; j < u.length; j++) t += A(j, i) * u[j]; v[i] = t; } }
function AtAu(u, v, w) { Au(u, w); Atu(w, v); }
var n = 60, u = [], v = [], w = [], i;
for (i = 0; i < n; i++) { u[i] = 1; v[i] = 0; w[i] = 0; }
for (i = 0; i < 10; i++) { AtAu(u, v, w); AtAu(v, u, w); }
var vBv = 0, vv = 0;
for (i = 0; i < n; i++) { vBv += u[i] * v[i]; vv += v[i] * v[i]; }
print(Math.sqrt(vBv / vv).toFixed(9));
var inside = 0;
for (var y = 0; y < 40; y++) {
  for (var x = 0; x < 60; x++) {
    var cr = 2.5 * x / 60 - 2, ci = 2 * y / 40 - 1, zr = 0, zi = 0, k = 0;
    while (k < 50 && zr * zr + zi * zi < 4) { var t2 = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t2; k++; }
    if (k == 50) inside++;
  }
}
print(inside);
