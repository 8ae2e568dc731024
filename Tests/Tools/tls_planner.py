#!/usr/bin/env python3
"""A stand-in Planner behind TLS that demands a client certificate (FOCES-like), for the gateway's
mutual-TLS test. It answers PersonByCpr with a PersonResponseDto whose FirstName is the common name
of the client certificate it was shown, so the test sees which certificate reached the server.
Prints its port on the first line; runs until killed."""
import argparse, http.server, json, ssl, sys

parser = argparse.ArgumentParser()
parser.add_argument("--cert"); parser.add_argument("--key"); parser.add_argument("--ca")
args = parser.parse_args()

class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        peer = self.connection.getpeercert() or {}
        cn = next((v for rdn in peer.get("subject", ()) for k, v in rdn if k == "commonName"), "none")
        body = json.dumps({"PersonStatusId": "a0000000-0000-4000-8000-000000000001", "FirstName": cn,
                           "LastName": "TLS", "Cpr": "0101901111"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(args.cert, args.key)
context.load_verify_locations(args.ca)
context.verify_mode = ssl.CERT_REQUIRED
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
