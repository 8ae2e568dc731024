#!/bin/sh
# Generates JAX-WS clients from the gateway's served WSDL alone (Debian's `jaxws`: wsimport, and a JDK),
# compiles the two clients here against them and runs them, each calling GetBorgerstatus for CPR and
# then for UNKNOWN_CPR (whose fault's Fejlkode it prints):
#   - with `wsimport -XadditionalHeaders` the CPR header is a parameter of each method (Client.java);
#   - without it the header is left out, and the CPR goes as the HTTP header
#     x-civilregistrationIdentifier (HttpHeaderClient.java).
# Usage: run.sh WSDL_URL ENDPOINT CPR UNKNOWN_CPR WORKDIR
set -e
wsdl=$1 endpoint=$2 cpr=$3 unknown=$4 work=$5
here=$(cd "$(dirname "$0")" && pwd)
classpath="/usr/share/jaxws/lib/*:/usr/share/java/*"
mkdir -p "$work/src" "$work/classes" && cd "$work"
wsimport -quiet -XadditionalHeaders -Xnocompile -s src -d src -p jobnet "$wsdl"
wsimport -quiet -Xnocompile -s src -d src -p jobnet.plain "$wsdl"
javac -nowarn -encoding UTF-8 -cp "src:$classpath" -d classes src/jobnet/*.java src/jobnet/plain/*.java \
  "$here/Client.java" "$here/HttpHeaderClient.java" 2>&1 | grep -v '^Note:' || true
for client in Client HttpHeaderClient; do
  for citizen in "$cpr" "$unknown"; do
    java -cp "classes:$classpath" "$client" "$wsdl" "$endpoint" "$citizen" 2>/dev/null
  done
done
