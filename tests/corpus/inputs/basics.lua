-- Read from stdin: the language itself, no files.
local t = {}
for i = 1, 20 do t[#t + 1] = i * i end
print(table.concat(t, ","))
print(string.format("%d %5.2f %g %x %q", 42, math.pi, 1e300, 255, "a\nb"))
print(7 // 2, 7 % 3, 2^10, 7 / 2, math.maxinteger, math.mininteger)
print(math.sqrt(2), math.sin(1), math.floor(-3.5), math.tointeger(3.0))
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter(); c(); c()
print("closure", c())
local co = coroutine.wrap(function(a)
  for i = 1, 3 do a = a + coroutine.yield(a * i) end
  return "done"
end)
print(co(1), co(10), co(100), co(1000))
print(("hello world"):gsub("o", "0"), ("x=1, y=22"):match("y=(%d+)"))
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, v, ";") end
io.write("\n")
local keys = {}
for k in pairs({alpha = 1, beta = 2, gamma = 3}) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
print(pcall(error, {code = 7}), select("#", 1, nil, 3))
print(utf8.char(72, 228, 8364), utf8.len("häl"))
print(string.pack("<i4", 1000):byte(1, -1))
print(tostring(nil), tostring(true), 0x10, 1e15, 2^53, -0.0)
goto skip
print("not printed")
::skip::
os.exit(3)
