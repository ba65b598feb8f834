# SPDX-License-Identifier: GPL-2.0
#
# wdmshim - host Windows Driver Model drivers on Linux.
#
#   make          build wdmshim.ko (+ samples, tools) for the stock kernel
#   make demo     boot the test VM and show what wdmshim does
#   make check    every lint step, KUnit and the VM tests; ends "N passed, N failed"
#   make lint     only the lint steps
#   make clean
#
# Modules for each kernel are built in their own tree under build/: the
# source is mirrored there as symlinks so objects never land in the sources.

SRC := $(CURDIR)
KDIR_STOCK ?= $(lastword $(sort $(wildcard /usr/src/linux-headers-6.1.*-amd64)))
KDIR ?= $(KDIR_STOCK)
OUT ?= $(SRC)/build/stock

.PHONY: all setup modules test-kernel modules-test demo check lint clean

all: modules

setup:
	@scripts/setup

modules: setup
	@scripts/build-modules "$(KDIR)" "$(OUT)"

test-kernel: setup
	@scripts/build-kernel

modules-test: setup
	@scripts/build-modules "$$(scripts/build-kernel | tail -n 1)" "$(SRC)/build/test"

demo: setup
	@scripts/demo

check: setup
	@scripts/check

lint: setup
	@scripts/check --lint-only

clean:
	rm -rf build
