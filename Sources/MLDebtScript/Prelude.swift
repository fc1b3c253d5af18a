/// The Lua half of the API: the sandbox, option-table wrappers, JSON encoding, tables, and the
/// check driver. It runs once per state, before any script, with the Swift primitives.
///
/// Keeping option tables, callbacks and table walking in Lua means Swift never has to read a Lua
/// table (which can raise) and never calls back into Lua.
enum Prelude {
  static let source = #"""
    local prim, internal, trusted, args = ...
    local abort_check = internal.abort_check
    local getinfo = debug.getinfo
    local _load, _pcall, _xpcall, _error, _type = load, pcall, xpcall, error, type
    local _select, _tostring, _pairs, _ipairs = select, tostring, pairs, ipairs
    local _setmetatable, _getmetatable = setmetatable, getmetatable
    local sort, concat, unpack = table.sort, table.concat, table.unpack
    local format, mathtype, floor, huge = string.format, math.type, math.floor, math.huge
    local co_resume, co_close = coroutine.resume, coroutine.close
    local tonumber, rep, pack = tonumber, string.rep, table.pack

    -- A limit or os.exit must unwind the whole script: re-raise it wherever it was caught.
    pcall = function(f, ...) return abort_check(_pcall(f, ...)) end
    xpcall = function(f, h, ...) return abort_check(_xpcall(f, h, ...)) end
    coroutine.resume = function(co, ...) return abort_check(co_resume(co, ...)) end
    coroutine.close = function(co) return abort_check(co_close(co)) end

    os.exit = prim.exit
    local write = prim.write
    print = function(...)
      local n = _select("#", ...)
      local parts = {}
      for i = 1, n do parts[i] = _tostring((_select(i, ...))) end
      write(concat(parts, "\t"), "\n")
    end
    io.write = function(...)
      local n = _select("#", ...)
      for i = 1, n do
        local v = (_select(i, ...))
        if _type(v) ~= "string" and _type(v) ~= "number" then
          _error("bad argument #" .. i .. " to 'write' (string expected, got " .. _type(v) .. ")", 2)
        end
        write(_tostring(v))
      end
    end

    if not trusted then
      local function deny(name)
        return function()
          _error(name .. " is not allowed in the sandbox (run the script with --trust to allow it)", 2)
        end
      end
      for _, name in _ipairs({ "execute", "remove", "rename", "tmpname", "getenv", "setlocale" }) do
        os[name] = deny("os." .. name)
      end
      for _, name in _ipairs({ "popen", "tmpfile", "input", "output", "read", "close" }) do
        io[name] = deny("io." .. name)
      end
      io.stdin, io.stdout, io.stderr = nil, nil, nil
      local prim_open = prim.open
      io.open = function(path, mode)
        if _type(path) ~= "string" then
          _error("bad argument #1 to 'open' (string expected, got " .. _type(path) .. ")", 2)
        end
        if mode ~= nil and mode ~= "r" and mode ~= "rb" then
          _error("io.open: mode '" .. _tostring(mode) .. "' is not allowed in the sandbox; "
            .. "files under the project root open for reading only (mode \"r\")", 2)
        end
        local file, err, denied = prim_open(path)
        if denied then _error(err, 2) end
        return file, err
      end
      io.lines = function(path, ...)
        if path == nil then
          _error("io.lines() reads standard input, which is not allowed in the sandbox", 2)
        end
        if _type(path) ~= "string" then
          _error("bad argument #1 to 'lines' (string expected, got " .. _type(path) .. ")", 2)
        end
        local file, err = prim_open(path)
        if not file then _error(err, 2) end
        return file:lines(...)
      end
      load = function(chunk, name, mode, ...)
        if _select("#", ...) > 0 then return _load(chunk, name, "t", ...) end
        return _load(chunk, name, "t")
      end
      local prim_read = prim.read
      loadfile = function(path, mode, ...)
        if path == nil then
          _error("loadfile() reads standard input, which is not allowed in the sandbox", 2)
        end
        local text, err, denied = prim_read(path)
        if denied then _error(err, 2) end
        if not text then return nil, err end
        if text:sub(1, 1) == "#" then text = "--" .. text end
        if _select("#", ...) > 0 then return _load(text, "@" .. path, "t", ...) end
        return _load(text, "@" .. path, "t")
      end
      dofile = function(path)
        if path == nil then
          _error("dofile() reads standard input, which is not allowed in the sandbox", 2)
        end
        local text, err = prim_read(path)
        if not text then _error(err, 2) end
        if text:sub(1, 1) == "#" then text = "--" .. text end
        local f, lerr = _load(text, "@" .. path, "t")
        if not f then _error(lerr, 2) end
        return f()
      end
      string.dump = deny("string.dump")
      local denied_debug = _setmetatable({}, {
        __index = function(_, key)
          _error("debug." .. _tostring(key) .. " is not allowed in the sandbox "
            .. "(run the script with --trust to allow it)", 2)
        end,
        __metatable = "sandbox",
      })
      debug = denied_debug
      package.loaded.debug = denied_debug
      package.loadlib = deny("package.loadlib")
      package.cpath = ""
      package.path = ""
      local preload = package.searchers[1]
      package.searchers = {
        preload,
        function(name)
          local file = name:gsub("%.", "/") .. ".lua"
          local text, err, denied = prim_read(file)
          if denied then _error(err, 3) end
          if not text then
            return "\n\tno file '" .. file .. "' under the project root "
              .. "(the sandbox loads only Lua source files under the project root, no C modules)"
          end
          if text:sub(1, 1) == "#" then text = "--" .. text end
          local f, err = _load(text, "@" .. file, "t")
          if not f then
            _error("error loading module '" .. name .. "' from file '" .. file .. "':\n\t" .. err, 0)
          end
          return f, file
        end,
      }
      local _collectgarbage = collectgarbage
      local allowed = { collect = true, count = true, step = true, isrunning = true }
      collectgarbage = function(option, ...)
        option = option or "collect"
        if not allowed[option] then
          _error("collectgarbage(\"" .. _tostring(option) .. "\") is not allowed in the sandbox "
            .. "(allowed: collect, count, step, isrunning)", 2)
        end
        return _collectgarbage(option, ...)
      end
    end

    -- JSON -------------------------------------------------------------------------------
    local data = prim.data
    local escapes = {
      ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n",
      ["\r"] = "\\r", ["\t"] = "\\t",
    }
    local function quote(s)
      return '"' .. (s:gsub('[%c"\\]', function(c)
        return escapes[c] or format("\\u%04x", c:byte())
      end)) .. '"'
    end
    local function number_text(v)
      if v ~= v or v == huge or v == -huge then return "null" end
      if mathtype(v) == "integer" then return format("%d", v) end
      for _, digits in _ipairs({ 14, 15, 16, 17 }) do
        local s = format("%." .. digits .. "g", v)
        if tonumber(s) == v then return s end
      end
      return format("%.17g", v)
    end
    local function array_length(t)
      local count = 0
      for k in _pairs(t) do
        if mathtype(k) ~= "integer" or k < 1 then return nil end
        count = count + 1
      end
      for i = 1, count do
        if t[i] == nil then return nil end
      end
      return count
    end
    local encode_value
    encode_value = function(v, indent, depth, seen, out)
      local t = _type(v)
      if v == nil then
        out[#out + 1] = "null"
      elseif t == "boolean" then
        out[#out + 1] = v and "true" or "false"
      elseif t == "number" then
        out[#out + 1] = number_text(v)
      elseif t == "string" then
        out[#out + 1] = quote(v)
      elseif t == "userdata" and data(v) ~= nil then
        encode_value(data(v), indent, depth, seen, out)
      elseif t == "table" then
        if seen[v] then _error("mldebt.json.encode: a table contains itself", 0) end
        seen[v] = true
        local pad, inner, sep, colon = "", "", ",", ":"
        if indent then
          pad = "\n" .. rep(" ", indent * depth)
          inner = "\n" .. rep(" ", indent * (depth + 1))
          sep, colon = ",", ": "
        end
        local n = array_length(v)
        if n == 0 then
          out[#out + 1] = "[]"
        elseif n then
          out[#out + 1] = "["
          for i = 1, n do
            if i > 1 then out[#out + 1] = sep end
            out[#out + 1] = inner
            encode_value(v[i], indent, depth + 1, seen, out)
          end
          out[#out + 1] = pad .. "]"
        else
          local keys = {}
          for k in _pairs(v) do
            local kt = _type(k)
            if kt ~= "string" and kt ~= "number" then
              _error("mldebt.json.encode: object keys must be strings or numbers, got " .. kt, 0)
            end
            keys[#keys + 1] = _tostring(k)
          end
          sort(keys)
          out[#out + 1] = "{"
          for i, k in _ipairs(keys) do
            if i > 1 then out[#out + 1] = sep end
            out[#out + 1] = inner .. quote(k) .. colon
            local value = v[k]
            if value == nil then value = v[tonumber(k)] end
            encode_value(value, indent, depth + 1, seen, out)
          end
          out[#out + 1] = pad .. "}"
        end
        seen[v] = nil
      else
        _error("mldebt.json.encode: cannot encode a " .. t, 0)
      end
    end
    local function json_encode(v, options)
      local indent
      if _type(options) == "table" and options.indent then
        indent = options.indent == true and 2 or options.indent
      end
      local out = {}
      encode_value(v, indent, 0, {}, out)
      return concat(out)
    end

    -- mldebt ------------------------------------------------------------------------------
    local constants = prim.constants()
    local area_set, severity_set = {}, {}
    for _, a in _ipairs(constants.areas) do area_set[a] = true end
    for _, s in _ipairs(constants.severities) do severity_set[s] = true end

    local M = {}
    M.version = prim.version()
    M.args = args
    M.open = prim.open_project
    M.time = prim.time
    M.now = prim.now
    M.areas = constants.areas
    M.severities = constants.severities
    M.json = {
      encode = function(v, options)
        local ok, result = _pcall(json_encode, v, options)
        if not ok then _error(result, 2) end
        return result
      end,
      decode = prim.json_decode,
    }

    local function cell(v)
      local t = _type(v)
      if v == nil then return "" end
      if t == "number" then
        if mathtype(v) == "integer" then return format("%d", v) end
        return format("%.6g", v)
      end
      if t == "table" then return json_encode(v) end
      return _tostring(v)
    end
    M.print_table = function(rows, columns)
      if _type(rows) ~= "table" then
        _error("mldebt.print_table: rows must be a list of tables, got " .. _type(rows), 2)
      end
      local plain = {}
      for i, row in _ipairs(rows) do
        if _type(row) == "userdata" then row = data(row) end
        if _type(row) ~= "table" then
          _error("mldebt.print_table: row " .. i .. " is a " .. _type(row) .. ", not a table", 2)
        end
        plain[i] = row
      end
      local headers = columns
      if headers == nil then
        local seen = {}
        headers = {}
        for _, row in _ipairs(plain) do
          for k in _pairs(row) do
            if _type(k) == "string" and not seen[k] then
              seen[k] = true
              headers[#headers + 1] = k
            end
          end
        end
        sort(headers)
      end
      local cells = {}
      for i, row in _ipairs(plain) do
        local line = {}
        for j, column in _ipairs(headers) do line[j] = cell(row[column]) end
        cells[i] = line
      end
      prim.print_table(json_encode({ headers = headers, rows = cells }))
    end

    local check_meta = { __name = "mldebt.check" }
    M.check = function(spec)
      -- `return mldebt.check{...}` is a tail call, which leaves no line to point at: then errors
      -- carry no position and the loader names the line of `mldebt.check` in the file instead.
      local called = getinfo(1, "t")
      local tail = called and called.istailcall
      local function fail(message) _error(message, tail and 0 or 3) end
      if _type(spec) ~= "table" then
        fail("mldebt.check takes a table: mldebt.check{ id=, area=, severity=, title=, "
          .. "run=function(project) ... end }")
      end
      for _, field in _ipairs({ "id", "title", "area" }) do
        if _type(spec[field]) ~= "string" then
          fail("mldebt.check: field '" .. field .. "' must be a string, got " .. _type(spec[field]))
        end
      end
      if _type(spec.run) ~= "function" then
        fail("mldebt.check: field 'run' must be a function(project), got " .. _type(spec.run))
      end
      if not area_set[spec.area] then
        fail("mldebt.check: unknown area '" .. spec.area .. "'; areas: "
          .. concat(constants.areas, ", "))
      end
      local severity = spec.severity or "medium"
      if not severity_set[severity] then
        fail("mldebt.check: unknown severity '" .. _tostring(severity) .. "'; severities: "
          .. concat(constants.severities, ", "))
      end
      for _, field in _ipairs({ "why", "fix" }) do
        if spec[field] ~= nil and _type(spec[field]) ~= "string" then
          fail("mldebt.check: field '" .. field .. "' must be a string")
        end
      end
      local where
      if not tail then
        local info = getinfo(2, "Sl")
        if info and info.currentline and info.currentline > 0 then
          where = info.short_src .. ":" .. info.currentline
        end
      end
      return _setmetatable({
        id = spec.id, area = spec.area, severity = severity, title = spec.title,
        why = spec.why or "", fix = spec.fix or "", run = spec.run, where = where,
      }, check_meta)
    end
    mldebt = M

    -- Prelude-side methods ----------------------------------------------------------------
    local prim_runs, prim_findings = prim.runs, prim.findings
    local function getpath(value, key)
      for part in key:gmatch("[^.]+") do
        if value == nil then return nil end
        value = value[part]
      end
      return value
    end
    internal.project_runs = function(self, o)
      o = o or {}
      if _type(o) ~= "table" then
        _error("runs takes a table of options: project:runs{experiment=, filter=, sort=, limit=}", 2)
      end
      local list = prim_runs(self, o.experiment, o.deleted == true)
      if o.filter ~= nil then
        if _type(o.filter) ~= "function" then
          _error("runs{filter=} must be a function(run) that returns true to keep a run", 2)
        end
        local kept = {}
        for _, r in _ipairs(list) do
          if o.filter(r) then kept[#kept + 1] = r end
        end
        list = kept
      end
      if o.sort ~= nil then
        if _type(o.sort) == "function" then
          sort(list, o.sort)
        elseif _type(o.sort) == "string" then
          local descending = o.sort:sub(1, 1) == "-"
          local key = descending and o.sort:sub(2) or o.sort
          local keyed = {}
          for i, r in _ipairs(list) do keyed[i] = { run = r, value = getpath(r, key), at = i } end
          sort(keyed, function(a, b)
            if a.value == nil or b.value == nil then
              if a.value == nil and b.value == nil then return a.at < b.at end
              return b.value == nil
            end
            if a.value == b.value then return a.at < b.at end
            if descending then return a.value > b.value end
            return a.value < b.value
          end)
          for i, k in _ipairs(keyed) do list[i] = k.run end
        else
          _error("runs{sort=} takes a field name (\"-metrics.auc\" sorts descending) "
            .. "or a function(a, b)", 2)
        end
      end
      if o.limit ~= nil then
        if mathtype(o.limit) ~= "integer" or o.limit < 0 then
          _error("runs{limit=} must be a whole number", 2)
        end
        for i = #list, o.limit + 1, -1 do list[i] = nil end
      end
      return list
    end
    internal.project_findings = function(self, o)
      o = o or {}
      if _type(o) ~= "table" then
        _error("findings takes a table of options: project:findings{area=, severity=, rule=}", 2)
      end
      return prim_findings(self, o.area, o.severity, o.rule)
    end

    local prim_drift = prim.drift
    internal.project_drift = function(self, o)
      o = o or {}
      if _type(o) ~= "table" then
        _error("drift takes a table of options: project:drift{feature=, window=, method=, source=}", 2)
      end
      return prim_drift(self, o.source, o.feature, o.window, o.method)
    end

    -- Checks ------------------------------------------------------------------------------
    local registered = {}
    internal.register = function(chunk, fallback)
      local result = chunk()
      local list
      if _getmetatable(result) == check_meta then
        list = { result }
      elseif _type(result) == "table" and #result > 0 then
        list = result
      else
        _error("a check file must return mldebt.check{...} (or a list of them), not "
          .. (result == nil and "nothing" or "a " .. _type(result)), 0)
      end
      local described = {}
      for i, c in _ipairs(list) do
        if _getmetatable(c) ~= check_meta then
          _error("item " .. i .. " of the returned list is not an mldebt.check{...}", 0)
        end
        c.where = c.where or fallback
        registered[#registered + 1] = c
        described[i] = {
          index = #registered, id = c.id, area = c.area, severity = c.severity, title = c.title,
          why = c.why, fix = c.fix, where = c.where,
        }
      end
      return json_encode(described)
    end
    local function evidence_text(e)
      if _type(e) == "string" then return e end
      if _type(e) == "userdata" and data(e) ~= nil then return _tostring(e) end
      return nil
    end
    internal.run_check = function(index, project)
      local c = registered[index]
      local findings = c.run(project)
      if findings == nil then return "[]" end
      if _type(findings) ~= "table" then
        _error(c.where .. ": check '" .. c.id .. "' must return a list of findings, not a "
          .. _type(findings), 0)
      end
      if findings.title ~= nil then findings = { findings } end
      local out = {}
      for i, f in _ipairs(findings) do
        local where = c.where .. ": check '" .. c.id .. "', finding " .. i
        if _type(f) ~= "table" then _error(where .. " is a " .. _type(f) .. ", not a table", 0) end
        local title = f.title or c.title
        if _type(title) ~= "string" then _error(where .. ": title must be a string", 0) end
        for _, field in _ipairs({ "why", "fix" }) do
          if f[field] ~= nil and _type(f[field]) ~= "string" then
            _error(where .. ": " .. field .. " must be a string", 0)
          end
        end
        if f.severity ~= nil and not severity_set[f.severity] then
          _error(where .. ": unknown severity '" .. _tostring(f.severity) .. "'", 0)
        end
        local evidence = {}
        local given = f.evidence
        if given ~= nil and _type(given) ~= "table" then given = { given } end
        for j, e in _ipairs(given or {}) do
          local text = evidence_text(e)
          if not text then
            _error(where .. ": evidence " .. j .. " must be a string such as \"feature:age\" "
              .. "or a node, not a " .. _type(e), 0)
          end
          evidence[j] = text
        end
        out[i] = {
          title = title, why = f.why or c.why, fix = f.fix or c.fix,
          severity = f.severity or c.severity, evidence = evidence,
        }
      end
      return json_encode(out)
    end

    internal.repl = function(line)
      local f, err = _load("return " .. line, "=stdin", "t")
      if not f then f, err = _load(line, "=stdin", "t") end
      if not f then
        if err:find("<eof>", 1, true) then return "incomplete" end
        _error(err, 0)
      end
      local results = pack(f())
      if results.n > 0 then print(unpack(results, 1, results.n)) end
      return "ok"
    end
    """#
}
