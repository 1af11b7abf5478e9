// Duktape: the language, JSON, regular expressions, numbers.
var fib = function (n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); };
print('fib(20)', fib(20));
var o = { name: 'ntmm', list: [1, 2.5, 'three', null, true], nested: { x: -0.5 } };
print(JSON.stringify(o));
print(JSON.stringify(JSON.parse('{"a":[1,{"b":2}],"c":"\\u00e9"}')));
print('2024-02-28 and 1999-12-31'.replace(/(\d+)-(\d+)-(\d+)/g, '$3.$2.$1'));
print(Math.PI.toFixed(10), (1 / 3).toString(), (255).toString(16), 1e21, 0.1 + 0.2);
print(Math.sqrt(2), Math.exp(1), Math.log(10), Math.atan2(1, 2), Math.pow(2, 0.5));
print([5, 3, 11, 1, 8].sort(function (a, b) { return a - b; }).join(','));
try { null.x; } catch (e) { print('caught', e.name); }
var s = '';
for (var i = 0; i < 5; i++) { s += String.fromCharCode(65 + i); }
print(s, s.length, s.charCodeAt(2), encodeURIComponent('a b&c'));
print(parseInt('0x1f'), parseFloat('3.25e2'), Number('12px'), isNaN(NaN));
var d = new Date(Date.UTC(2020, 1, 29, 12, 0, 0));
print(d.toISOString(), d.getUTCDay());
print(typeof Duktape, [1, 2, 3].map(function (x) { return x * x; }));
