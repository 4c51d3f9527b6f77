-- Closures: counters that capture a variable, and functions passed to functions, 1 million calls.
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local function twice(f, x) return f(f(x)) end
local c = counter()
local total = 0
for i = 0, 249999 do
  total = total + c() + twice(function(v) return v + 1 end, i)
end
print(total)
