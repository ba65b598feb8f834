/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdmshim/host.h - the one line of Linux glue a hosted WDM driver needs.
 *
 * In a file of its own (the driver's sources stay plain WDM C):
 *
 *	#include <wdmshim/host.h>
 *	WDM_DRIVER(DriverEntry);
 *
 * This makes the driver a Linux module: loading it creates its
 * DRIVER_OBJECT and calls DriverEntry; unloading it drains its I/O, calls
 * DriverUnload and reports whatever it left behind.
 */
#ifndef _WDMSHIM_HOST_H
#define _WDMSHIM_HOST_H

#include <linux/module.h>
#include <linux/init.h>
#include <linux/version.h>

struct _DRIVER_OBJECT;
struct _UNICODE_STRING;
typedef int wdm_driver_entry_t(struct _DRIVER_OBJECT *DriverObject,
			       struct _UNICODE_STRING *RegistryPath);

int wdm_driver_load(void **handle, struct module *owner, const char *name,
		    wdm_driver_entry_t *entry);
void wdm_driver_unload(void *handle);

/*
 * What a PnP driver's INF says, compiled in: scripts/inf2h turns the INF's
 * [Models] hardware IDs (Windows syntax: PCI\VEN_1234&DEV_11E8, with
 * &SUBSYS_ssssvvvv, &REV_rr, or PCI\CC_ccss[pp]) and the UpperFilters /
 * LowerFilters its AddReg sections set into one of these.
 */
struct wdm_pnp_ids {
	const char *const *hardware_ids;	/* NULL-terminated */
	const char *const *upper_filters;	/* service (module) names */
	const char *const *lower_filters;
	const char *description;		/* the device's, from [Strings] */
};

int wdm_pnp_register(void *handle, const struct wdm_pnp_ids *ids);
void wdm_pnp_unregister(void *handle);

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
#define WDM_HOST_IMPORT_NS() MODULE_IMPORT_NS(WDMSHIM)
#else
#define WDM_HOST_IMPORT_NS() MODULE_IMPORT_NS("WDMSHIM")
#endif

#define WDM_DRIVER(entry)						\
	wdm_driver_entry_t entry;					\
	static void *__wdm_driver_handle;				\
	static int __init __wdm_driver_init(void)			\
	{								\
		return wdm_driver_load(&__wdm_driver_handle, THIS_MODULE, \
				       KBUILD_MODNAME, entry);		\
	}								\
	static void __exit __wdm_driver_exit(void)			\
	{								\
		wdm_driver_unload(__wdm_driver_handle);			\
	}								\
	module_init(__wdm_driver_init);					\
	module_exit(__wdm_driver_exit);					\
	MODULE_LICENSE("GPL");						\
	WDM_HOST_IMPORT_NS()

/*
 * WDM_PNP_DRIVER(DriverEntry, inf) - the glue of a PnP function driver:
 * as WDM_DRIVER, and then the devices @inf (a struct wdm_pnp_ids, from
 * the header scripts/inf2h makes of the driver's INF) names are bound to
 * it: AddDevice, IRP_MN_START_DEVICE... Unloading removes them first.
 */
#define WDM_PNP_DRIVER(entry, inf)					\
	wdm_driver_entry_t entry;					\
	static void *__wdm_driver_handle;				\
	static int __init __wdm_driver_init(void)			\
	{								\
		int ret = wdm_driver_load(&__wdm_driver_handle, THIS_MODULE, \
					  KBUILD_MODNAME, entry);	\
		if (ret)						\
			return ret;					\
		ret = wdm_pnp_register(__wdm_driver_handle, &(inf));	\
		if (ret)						\
			wdm_driver_unload(__wdm_driver_handle);		\
		return ret;						\
	}								\
	static void __exit __wdm_driver_exit(void)			\
	{								\
		wdm_pnp_unregister(__wdm_driver_handle);		\
		wdm_driver_unload(__wdm_driver_handle);			\
	}								\
	module_init(__wdm_driver_init);					\
	module_exit(__wdm_driver_exit);					\
	MODULE_LICENSE("GPL");						\
	WDM_HOST_IMPORT_NS()

#endif /* _WDMSHIM_HOST_H */
