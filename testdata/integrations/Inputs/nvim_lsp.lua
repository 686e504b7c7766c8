-- Neovim 0.7's built-in LSP client against `dumpcheck --lsp`: attach to the
-- current buffer, wait for diagnostics, write them as JSON to $DIAG_OUT.
-- With $DIAG_EDIT (a file), then replace the buffer's text with that file's
-- (an unsaved edit: didChange), wait until the diagnostics are gone, and
-- write them again to $DIAG_OUT.after. Exits 0, or 1 on a timeout.
local dumpcheck = os.getenv('DUMPCHECK')
local out = os.getenv('DIAG_OUT')
local edit = os.getenv('DIAG_EDIT')
local timeout = tonumber(os.getenv('DIAG_TIMEOUT') or '60000')

local function write(path, value)
  local f = assert(io.open(path, 'w'))
  f:write(vim.fn.json_encode(value))
  f:close()
end

local client = vim.lsp.start_client({
  name = 'dumpcheck',
  cmd = { dumpcheck, '--lsp' },
  root_dir = vim.fn.expand('%:p:h'),
})
if not client then
  io.stderr:write('cannot start dumpcheck --lsp\n')
  vim.cmd('cquit 1')
end
vim.lsp.buf_attach_client(0, client)

local ok = vim.wait(timeout, function() return #vim.diagnostic.get(0) > 0 end, 20)
write(out, vim.diagnostic.get(0))
if not ok then
  io.stderr:write('no diagnostics within the timeout\n')
  vim.cmd('cquit 1')
end

if edit then
  vim.api.nvim_buf_set_lines(0, 0, -1, false, vim.fn.readfile(edit))
  ok = vim.wait(timeout, function() return #vim.diagnostic.get(0) == 0 end, 20)
  write(out .. '.after', vim.diagnostic.get(0))
  if not ok then
    io.stderr:write('the diagnostics did not go away after the edit\n')
    vim.cmd('cquit 1')
  end
end

vim.lsp.stop_client(client)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client) == nil end, 20)
vim.cmd('qall!')
