// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - wdmshim.ko: hosts Windows Driver Model drivers on Linux.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include "wdm_internal.h"
#include "io/io.h"

static struct dentry *wdm_debugfs;

static int __init wdmshim_init(void)
{
	int ret;

	wdm_seh_init();
	wdm_debugfs = debugfs_create_dir("wdmshim", NULL);
	ret = wdm_pool_init(wdm_debugfs);
	if (ret)
		goto fail_pool;
	wdm_cancel_init();
	ret = wdm_dpc_init();
	if (ret)
		goto fail_dpc;
	ret = wdm_irp_init();
	if (ret)
		goto fail_irp;
	ret = wdm_chrdev_init();
	if (ret)
		goto fail_chrdev;
	ret = wdm_pnp_init();
	if (ret)
		goto fail_pnp;
	wdm_pnp_debugfs(wdm_debugfs);
	pr_info("wdmshim: loaded\n");
	return 0;

fail_pnp:
	wdm_chrdev_exit();
fail_chrdev:
	wdm_irp_exit();
fail_irp:
	wdm_dpc_exit();
fail_dpc:
	wdm_pool_exit();
fail_pool:
	debugfs_remove_recursive(wdm_debugfs);
	return ret;
}

static void __exit wdmshim_exit(void)
{
	wdm_pnp_exit();
	wdm_chrdev_exit();
	wdm_irp_exit();
	wdm_interrupts_exit();
	wdm_dma_exit();
	wdm_iospace_exit();
	wdm_dpc_exit();
	debugfs_remove_recursive(wdm_debugfs);
	wdm_pool_exit();
	pr_info("wdmshim: unloaded\n");
}

module_init(wdmshim_init);
module_exit(wdmshim_exit);

MODULE_DESCRIPTION("Host for Windows Driver Model (WDM) drivers");
MODULE_LICENSE("GPL");
