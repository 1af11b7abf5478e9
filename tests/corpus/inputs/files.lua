-- Run from a file: writes, appends, reads back, seeks, renames and removes
-- files with io.open, in text and binary modes.
local f = assert(io.open("notes.txt", "w"))
for i = 1, 100 do f:write("line ", i, " ", string.rep("x", i % 17), "\n") end
f:close()
f = assert(io.open("notes.txt", "a"))
f:write("appended\n")
f:close()
local n, last = 0, nil
for line in io.lines("notes.txt") do n = n + 1; last = line end
print("lines", n, last)
local b = assert(io.open("bytes.bin", "wb"))
for i = 0, 255 do b:write(string.char(i)) end
b:write(string.rep("\r\n\n\26", 10))
b:close()
b = assert(io.open("bytes.bin", "rb"))
local all = b:read("a")
print("bytes", #all, all:byte(11), all:byte(14), b:seek("set", 10), b:read(4):byte(1, -1))
print("size", b:seek("end"))
b:close()
assert(os.rename("bytes.bin", "renamed.bin"))
print("renamed", io.open("bytes.bin") == nil, io.open("renamed.bin", "rb"):read(2):byte(1, 2))
local tmp = assert(io.open("scratch.txt", "w")); tmp:write("gone"); tmp:close()
print("removed", os.remove("scratch.txt"), io.open("scratch.txt") == nil)
print("missing", io.open("no/such/file.txt"))
local r = assert(io.open("numbers.txt", "w"))
r:write("12 3.5 0x1F -7\n")
r:close()
r = assert(io.open("numbers.txt", "r"))
print("numbers", r:read("n", "n", "n", "n"))
r:close()
