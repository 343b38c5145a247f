--[[
Quarto features for the built-in renderer (pandoc Lua filter).
- Callouts: `::: {.callout-note title="..."}` (note, warning, tip, important, caution); the title is the
  `title` attribute, else a first heading inside the callout, else the French default.
  HTML: <div class="callout callout-KIND" role="note"> with a visible title; Typst: a bordered block.
- Cross-references: figures `#fig-…` and tables `#tbl-…` are numbered in document order, with the titles
  and delimiter of the `crossref` settings (« Tableau 1 : »). HTML: captions start with the number and
  `@fig-…` / `@tbl-…` become links; Typst numbers figures itself (supplements set by the template) and
  `@fig-…` becomes a Typst reference.
- Other `@word` citations (no bibliography is used) stay as written.
The project's own filters (`filters:` of _quarto.yml) run after this one, as they run after Quarto's.
]]

local TITLES = {
  note = "Note", warning = "Attention", tip = "Conseil", important = "Important", caution = "Prudence",
}
local COLOURS = {  -- border, background (Typst)
  note = { "#1f5fa8", "#eef4fb" }, warning = { "#9a5b00", "#fdf5e6" }, tip = { "#1d7a3a", "#edf7f0" },
  important = { "#b3261e", "#fcefee" }, caution = { "#9a5b00", "#fdf5e6" },
}
-- Caption prefixes and delimiter: the `crossref` settings of _quarto.yml, as Quarto reads them.
local PREFIX = { fig = "Figure", tbl = "Table" }
local DELIM = ":"
local NBSP = "\u{00A0}"
local is_html = FORMAT:match("html") ~= nil
local numbers = {}

local function crossref_kind(id)
  local kind = (id or ""):match("^(%a+)%-")
  if PREFIX[kind] then return kind end
  return nil
end

local function prefix_caption(caption, id)
  local label = pandoc.Inlines({ pandoc.Str(numbers[id] .. DELIM), pandoc.Space() })
  local blocks = caption.long
  if #blocks == 0 then
    caption.long = pandoc.Blocks({ pandoc.Plain(pandoc.Str(numbers[id])) })
  elseif blocks[1].content then
    blocks[1].content = label .. blocks[1].content
  end
  return caption
end

-- `crossref: {fig-title, tbl-title, title-delim}` as Quarto reads them.
local function read_crossref(meta)
  local settings = meta.crossref or {}
  local function text(key, default)
    if settings[key] == nil then return default end
    return pandoc.utils.stringify(settings[key])
  end
  PREFIX = { fig = text("fig-title", PREFIX.fig), tbl = text("tbl-title", PREFIX.tbl) }
  DELIM = text("title-delim", DELIM)
end

local function number_floats(doc)
  local counts = { fig = 0, tbl = 0 }
  local function visit(el)
    local kind = crossref_kind(el.identifier)
    if not kind or numbers[el.identifier] then return nil end
    counts[kind] = counts[kind] + 1
    numbers[el.identifier] = PREFIX[kind] .. NBSP .. counts[kind]
    if is_html then
      el.caption = prefix_caption(el.caption, el.identifier)
      return el
    end
    return nil
  end
  return doc:walk({ Figure = visit, Table = visit })
end

local function references(cite)
  for _, citation in ipairs(cite.citations) do
    -- Not a cross-reference (no bibliography here, e.g. a « @compte » handle): the text as written.
    if not crossref_kind(citation.id) then return cite.content end
  end
  local out = pandoc.Inlines({})
  for i, citation in ipairs(cite.citations) do
    local id = citation.id
    if i > 1 then out:insert(pandoc.Str(",")); out:insert(pandoc.Space()) end
    if not numbers[id] then
      io.stderr:write("WARNING: unknown cross-reference @" .. id .. "\n")
      out:insert(pandoc.Str("?@" .. id))
    elseif is_html then
      out:insert(pandoc.Link(numbers[id], "#" .. id))
    else
      out:insert(pandoc.RawInline("typst", "@" .. id))
    end
  end
  return out
end

local function callout(div)
  local kind
  for _, class in ipairs(div.classes) do
    kind = kind or class:match("^callout%-(%a+)$")
  end
  if not kind or not TITLES[kind] then return nil end
  local content = div.content
  local title
  if div.attributes.title then
    title = pandoc.utils.blocks_to_inlines(pandoc.read(div.attributes.title, "markdown").blocks)
  elseif #content > 0 and content[1].t == "Header" then
    title = content[1].content
    content = pandoc.Blocks({ table.unpack(content, 2) })
  else
    title = pandoc.Inlines({ pandoc.Str(TITLES[kind]) })
  end
  if is_html then
    local heading = pandoc.Div(pandoc.Plain(pandoc.Strong(title)), { class = "callout-title" })
    local body = pandoc.Div(content, { class = "callout-body" })
    return pandoc.Div({ heading, body }, { class = "callout callout-" .. kind, role = "note" })
  end
  local colour = COLOURS[kind]
  local open = string.format(
    '#block(width: 100%%, inset: 8pt, radius: 2pt, breakable: true, stroke: (left: 3pt + rgb("%s"), rest: 0.6pt + rgb("%s")), fill: rgb("%s"))[',
    colour[1], colour[1], colour[2])
  local blocks = pandoc.Blocks({ pandoc.RawBlock("typst", open), pandoc.Para(pandoc.Strong(title)) })
  blocks:extend(content)
  blocks:insert(pandoc.RawBlock("typst", "]"))
  return blocks
end

function Pandoc(doc)
  read_crossref(doc.meta)
  doc = number_floats(doc)
  return doc:walk({ Cite = references, Div = callout })
end
