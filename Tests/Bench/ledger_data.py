"""make bench-ledger's data: `ledger_data.py DIR` writes DIR/data.yaml (planner-sim's) and one
CreateSelvbooking request per citizen, each at a time of its own a week or more ahead;
`ledger_data.py DIR --book URL` posts each once and prints how many were booked."""
import datetime, sys, urllib.request, zoneinfo

CITIZENS = 32
COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
JOBSAMTALE = "c0000000-0000-4000-8000-000000000001"
RESOURCES = ["b0000000-0000-4000-8000-000000000001", "b0000000-0000-4000-8000-000000000002",
             "b0000000-0000-4000-8000-000000000003"]


def cpr(i):            # fictitious: 20 February 1990, serials 0001…
    return "200290%04d" % (i + 1)


def start(i):          # a weekday a week or more ahead, 09:00 + 30 min × (i mod 10)
    day = datetime.date.today() + datetime.timedelta(days=7)
    for _ in range(i // 10):
        day += datetime.timedelta(days=1)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    local = datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=COPENHAGEN) + datetime.timedelta(minutes=30 * (i % 10))
    return local.isoformat()


def request(i):
    return ('<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
            'xmlns:v10="urn:dk:jobnet-gateway:JobnetCitizenStatusService:v10"><soapenv:Header>'
            f'<v10:PersonCivilRegistrationIdentifier>{cpr(i)}</v10:PersonCivilRegistrationIdentifier></soapenv:Header>'
            f'<soapenv:Body><v10:CreateSelvbooking><v10:MoedetilbudId>{JOBSAMTALE}</v10:MoedetilbudId>'
            f'<v10:MoedeStarttidspunkt>{start(i)}</v10:MoedeStarttidspunkt></v10:CreateSelvbooking></soapenv:Body></soapenv:Envelope>')


def write(directory):
    lines = ["rootDepartmentId: 7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0001", "micrositeId: 7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0002", "persons:"]
    for i in range(CITIZENS):
        lines.append(f'  - {{cpr: "{cpr(i)}", personStatusId: f0000000-0000-4000-8000-{i + 1:012d}, firstName: Borger, lastName: Nr{i + 1}}}')
    lines.append("resources:")
    for number, resource in enumerate(RESOURCES):
        lines.append(f"  - {{id: {resource}, displayName: Sagsbehandler {number + 1}, workdayStartHour: 8, workdayEndHour: 16}}")
    lines += ["offers:", f"  - {{id: {JOBSAMTALE}, title: Jobsamtale, durationMinutes: 30, horizonDays: 60, resourceIds: [{', '.join(RESOURCES)}]}}",
              "categories:", "  - id: d0000000-0000-4000-8000-000000000001", "    title: Samtaler", f"    children: [{{offer: {JOBSAMTALE}}}]"]
    with open(f"{directory}/data.yaml", "w") as file:
        file.write("\n".join(lines) + "\n")
    for i in range(CITIZENS):
        with open(f"{directory}/request-{i + 1}.xml", "w") as file:
            file.write(request(i))


def book(url):
    booked = 0
    for i in range(CITIZENS):
        call = urllib.request.Request(url, data=request(i).encode(), headers={"Content-Type": "text/xml; charset=utf-8"})
        try:
            with urllib.request.urlopen(call, timeout=30) as answer:
                booked += b"IndkaldelseId" in answer.read()
        except Exception:
            pass
    print(f"{booked}/{CITIZENS}")


if __name__ == "__main__":
    book(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--book" else write(sys.argv[1])
