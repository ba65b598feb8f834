# SPDX-License-Identifier: GPL-2.0
#
# wdmshim - host Windows Driver Model drivers on Linux.
#
#   make          build wdmshim.ko, the samples and test drivers for the stock
#                 kernel, and the test utility (build/tools/wdmtest)
#   make demo     boot the test VM and show what wdmshim does
#   make check    every lint step, KUnit and the VM tests; ends "N passed, N failed"
#   make lint     only the lint steps
#   make bench    wdmshim against native Linux twins (table, CSV, plot in
#                 build/bench/)
#   make soak     100 000 IRPs through a StartIo queue (stock kernel; SOAK=test
#                 for the test kernel); not part of check
#   make clean
#
# Modules for each kernel are built in their own tree under build/: the
# source is mirrored there as symlinks so objects never land in the sources.

SRC := $(CURDIR)
KDIR_STOCK ?= $(lastword $(sort $(wildcard /usr/src/linux-headers-6.1.*-amd64)))
KDIR ?= $(KDIR_STOCK)
OUT ?= $(SRC)/build/stock

.PHONY: all setup modules tools test-kernel modules-test demo check lint soak bench clean

all: modules

setup:
	@scripts/setup

modules: setup tools
	@scripts/build-modules "$(KDIR)" "$(OUT)"

# The user-space test utility (kernel-independent): build/tools/wdmtest.
tools:
	@$(MAKE) -s -C tools OUT="$(SRC)/build/tools"

test-kernel: setup
	@scripts/build-kernel

modules-test: setup tools
	@scripts/build-modules "$$(scripts/build-kernel | tail -n 1)" "$(SRC)/build/test"

demo: setup
	@scripts/demo

check: setup
	@scripts/check

lint: setup
	@scripts/check --lint-only

bench: setup
	@scripts/bench

SOAK ?= stock
soak: setup
	@scripts/soak $(SOAK)

clean:
	rm -rf build
