#!/usr/bin/env python3
"""Builds a SOAP client with suds (suds-community) from the gateway's served WSDL alone and calls
GetBorgerstatus with the CPR in the SOAP header, then an unknown CPR for STAR's 1010 fault. Prints
one line per fact for the Swift test."""
import sys
from suds.client import Client
from suds import WebFault

wsdl_url, cpr = sys.argv[1], sys.argv[2]
client = Client(wsdl_url, cache=None)
operations = sorted(method.name for method in client.wsdl.services[0].ports[0].methods.values())
print("operations", len(operations), " ".join(operations))
# The CPR is the operation's soap:header part: suds fills the header part from the value given.
client.set_options(soapheaders=cpr)
result = client.service.GetBorgerstatus()
print("KanSelvbooke", result.KanSelvbooke)
client.set_options(soapheaders="0404904444")
try:
    client.service.GetBorgerstatus()
    print("fault none")
except WebFault as fault:
    detail = fault.fault.detail
    print("fault", fault.fault.faultcode, "Fejlkode", detail.Fejl.Fejlkode)
