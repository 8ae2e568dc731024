#!/usr/bin/env bash
# The self-booking flow against `make run` (the demo data): offers → free times → book the first one.
set -eu
URL=${URL:-http://127.0.0.1:8080/JobnetCitizenStatusService}
CPR=0101901111                                  # Anna Andersen (fictitious)
OFFER=c0000000-0000-4000-8000-000000000001      # Jobsamtale
NS=urn:dk:jobnet-gateway:JobnetCitizenStatusService:v10
soap() {  # soap OPERATION BODY-CONTENT
  curl -s -X POST -H 'Content-Type: text/xml; charset=utf-8' --data-binary @- "$URL" <<XML
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="$NS">
  <s:Header><v:PersonCivilRegistrationIdentifier>$CPR</v:PersonCivilRegistrationIdentifier></s:Header>
  <s:Body><v:$1>$2</v:$1></s:Body>
</s:Envelope>
XML
}

echo "1. The offers:"
soap GetSelvbookingMoedetilbud "" | grep -o '<tns:MoedetilbudId>[^<]*' | sed 's/.*>/   /'

echo "2. Free times of the Jobsamtale in the next two weeks:"
FROM=$(date +%Y-%m-%dT%H:%M:%S); TO=$(date -d '+14 days' +%Y-%m-%dT%H:%M:%S)
TIMES=$(soap GetSelvbookingMoedetider "<v:MoedetilbudId>$OFFER</v:MoedetilbudId><v:StartMoedetidsinterval>$FROM</v:StartMoedetidsinterval><v:SlutMoedetidsinterval>$TO</v:SlutMoedetidsinterval>")
echo "$TIMES" | grep -o '<tns:StartTime>[^<]*' | sed 's/.*>/   /' | head -5
FIRST=$(echo "$TIMES" | grep -o '<tns:StartTime>[^<]*' | head -1 | sed 's/.*>//')

echo "3. Book $FIRST:"
soap CreateSelvbooking "<v:MoedetilbudId>$OFFER</v:MoedetilbudId><v:MoedeStarttidspunkt>$FIRST</v:MoedeStarttidspunkt>" \
  | grep -o '<tns:\(IndkaldelseId\|BookingStartTime\|CaseWorkerGivenName\)>[^<]*' | sed 's/<tns:/   /; s/>/: /'
