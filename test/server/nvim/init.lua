-- Headless Neovim session for the CoT Trace server test: opens a trace file, attaches the
-- built-in LSP client to the server, waits for diagnostics, asks for a hover, and writes
-- what it got as JSON. Environment: COT_SERVER (server script), COT_FILE, COT_OUT.
local server = os.getenv('COT_SERVER')
local file = os.getenv('COT_FILE')
local out = os.getenv('COT_OUT')

local function finish(result)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local config = {
  name = 'cot-trace',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  get_language_id = function() return 'cot-trace' end,
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, client_id)
end

local got = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local items = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(items, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, message = d.message, source = d.source,
    code = d.code or lsp.code,
  })
end

local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = 2, character = 2 },
}, 10000)
local hover_text = vim.NIL
for _, response in pairs(hover or {}) do
  if response.result and response.result.contents then hover_text = response.result.contents.value end
end

finish({ waited = got, client = client_id, items = items, hover = hover_text })
