#!/bin/sh
# Generates a gSOAP C client from the gateway's served WSDL alone (wsdl2h, soapcpp2), compiles
# client.c against it and runs it: GetBorgerstatus with the CPR header, then an unknown CPR's fault.
# Usage: run.sh WSDL_URL ENDPOINT CPR WORKDIR
set -e
wsdl=$1 endpoint=$2 cpr=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work" && cd "$work"
wsdl2h -c -o jobnet.h "$wsdl" >/dev/null
soapcpp2 -c -C -x -L -I/usr/share/gsoap/import jobnet.h >/dev/null
cc -o client "$here/client.c" soapC.c soapClient.c -I. -lgsoap
./client "$endpoint" "$cpr"
