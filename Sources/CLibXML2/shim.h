#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>

/* libxml2 reports some errors (a failed encoding conversion, I/O) through its generic error function,
   which prints to stderr and is per thread; Swift cannot write a variadic C function, so the no-op
   handler and the call that installs it live here. The gateway takes its errors from the parser
   context instead (XMLParser.lastError), and nothing a caller sent reaches stderr. */
static void clibxml2_ignore_error(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void clibxml2_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, clibxml2_ignore_error); }
#endif
