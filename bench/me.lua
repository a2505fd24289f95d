-- wrk: GET /api/users/me, each request with the next of the tokens in the file given after "--".
local tokens = {}
local next_index = 0

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  next_index = math.random(#tokens)
end

function request()
  next_index = next_index % #tokens + 1
  return wrk.format("GET", "/api/users/me", { ["Authorization"] = "Bearer " .. tokens[next_index] })
end
