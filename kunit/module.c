// SPDX-License-Identifier: GPL-2.0
/*
 * module.c - wdmshim_kunit.ko, the KUnit suites of wdmshim.
 *
 * Each *_test.c file holds the suite of one category and registers it
 * with kunit_test_suites(); KUnit runs them all when this module is
 * loaded (after wdmshim.ko, whose exports they use). The module has no
 * init or exit routine of its own.
 */
#include <linux/module.h>
#include "compat.h"

MODULE_DESCRIPTION("KUnit test suites of wdmshim");
MODULE_LICENSE("GPL");
WDM_IMPORT_NS();
