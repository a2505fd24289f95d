-- wrk: GET a path (default /api/users/me), each request with the next of the tokens in the file given after "--":
--   wrk ... -s bench/me.lua URL -- TOKENS_FILE [PATH]
local tokens = {}
local next_index = 0
local path = "/api/users/me"

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  if args[2] then path = args[2] end
  next_index = math.random(#tokens)
end

function request()
  next_index = next_index % #tokens + 1
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[next_index] })
end
