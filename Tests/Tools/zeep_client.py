#!/usr/bin/env python3
"""Builds a SOAP client with zeep from the gateway's served WSDL alone, lists its operations and
calls GetBorgerstatus with the CPR in the SOAP header. Prints one line per fact for the Swift test."""
import sys
import zeep

wsdl_url, cpr = sys.argv[1], sys.argv[2]
client = zeep.Client(wsdl_url)
binding = next(iter(client.wsdl.bindings.values()))
operations = sorted(binding._operations.keys())
print("operations", len(operations), " ".join(operations))
result = client.service.GetBorgerstatus(_soapheaders={"PersonCivilRegistrationIdentifier": cpr})
print("KanSelvbooke", result["KanSelvbooke"])
try:
    client.service.GetBorgerstatus(_soapheaders={"PersonCivilRegistrationIdentifier": "0404904444"})
    print("fault none")
except zeep.exceptions.Fault as fault:
    print("fault", fault.code, fault.message)
