# SPDX-License-Identifier: GPL-2.0
#
# wdmshim.mk - the flags a hosted WDM driver (and wdmshim itself) builds
# with. A hosted driver's Kbuild includes this file:
#	include $(WDMSHIM)/wdmshim/wdmshim.mk
# where WDMSHIM is the wdmshim source tree; the top-level Makefile sets it.
#
# - our NT headers (wdm.h, ntddk.h, ...) come first on the include path;
# - WCHAR is 16 bits, so L"" literals are WCHAR arrays (-fshort-wchar);
# - pool tags are multi-character constants ('gaT1'): not a warning;
# - DBG=1 keeps KdPrint and ASSERT, as a checked build does.
WDMSHIM_INCLUDE := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))/include
ccflags-y += -I$(WDMSHIM_INCLUDE) -fshort-wchar -Wno-multichar -DDBG=1

# Structured exceptions (<excpt.h>): a raise comes back into the driver's
# function after its __builtin_setjmp, through a 2-byte jump GCC emits
# that no path of the function reaches, so objtool calls it an
# "unreachable instruction". That one warning is off for the objects of
# hosted drivers (and the KUnit suites); every other objtool check stays.
# wdmshim itself (WDMSHIM_CORE) uses no __try and keeps it.
ifndef WDMSHIM_CORE
objtool-args-y += --no-unreachable
endif

# A PnP driver's INF becomes <name>.inf.h, the struct wdm_pnp_ids its
# glue hands to WDM_PNP_DRIVER (scripts/inf2h). In the driver's Kbuild:
#	$(obj)/module.o: $(obj)/<name>.inf.h
#	targets += <name>.inf.h
quiet_cmd_wdm_inf2h = INF2H   $@
      cmd_wdm_inf2h = $(WDMSHIM)/scripts/inf2h $< > $@
$(obj)/%.inf.h: $(src)/%.inf $(WDMSHIM)/scripts/inf2h FORCE
	$(call if_changed,wdm_inf2h)
