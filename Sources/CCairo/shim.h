#ifndef DUMPIT_CCAIRO_SHIM_H
#define DUMPIT_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

/// PANGO_SCALE is a macro; Swift sees it as a plain constant only sometimes.
static inline int dumpit_pango_scale(void) { return PANGO_SCALE; }
#endif
