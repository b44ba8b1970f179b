-- wrk script: every request is a bulk create of 10 new TPM enrollments with unique registration IDs.
-- Environment: DPS_AUTH (the Authorization header), DPS_EK (an endorsement key, base64).
local counter = 0
local thread_id = 0
local auth = os.getenv("DPS_AUTH")
local ek = os.getenv("DPS_EK")

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  counter = 0
end

request = function()
  counter = counter + 1
  local items = {}
  for i = 1, 10 do
    items[i] = string.format(
      '{"registrationId":"bench-%d-%d-%d","attestation":{"type":"tpm","tpm":{"endorsementKey":"%s"}},'
      .. '"iotHubHostName":"bench-hub.azure-devices.net","provisioningStatus":"enabled"}',
      thread_id, counter, i, ek)
  end
  local body = '{"mode":"create","enrollments":[' .. table.concat(items, ",") .. ']}'
  return wrk.format("POST", "/enrollments?api-version=2021-10-01",
    { ["Authorization"] = auth, ["Content-Type"] = "application/json" }, body)
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 200 and not string.find(body, '"isSuccessful":true', 1, true) then
    statuses["item-errors"] = (statuses["item-errors"] or 0) + 1
  end
end
