/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pnp/pnp.h - the PnP manager's private state, shared by the files of
 * pnp/ and by the KUnit suites.
 *
 * A devnode is a device the PnP manager found: a PCI device bound to a
 * hosted driver (pnp/pci.c), or a root-enumerated one (KUnit). It owns
 * the PDO (created by the shim's bus driver, pnp/pdo.c), the IDs and the
 * resources, and the stack the drivers' AddDevice routines built over
 * the PDO.
 */
#ifndef _WDMSHIM_PNP_PNP_H
#define _WDMSHIM_PNP_PNP_H

#include <wdmshim/host.h>
#include "../io/io.h"

#define WDM_PNP_MAX_STACK 8

struct wdm_devnode;

/* What only the bus knows: config space (pnp/pci.c; NULL for root). */
struct wdm_bus_ops {
	ULONG (*config)(struct wdm_devnode *n, bool write, PVOID buffer,
			ULONG offset, ULONG length);
};

enum wdm_devnode_state {
	WDM_DN_NEW,		/* PDO created, stack being built */
	WDM_DN_STARTED,		/* IRP_MN_START_DEVICE succeeded */
	WDM_DN_REMOVING,	/* going: no new opens */
	WDM_DN_REMOVED,		/* IRP_MN_REMOVE_DEVICE sent */
};

struct wdm_devnode {
	struct list_head node;		/* in wdm_devnodes */
	PDEVICE_OBJECT pdo;
	struct device *ldev;		/* the Linux device; NULL for root */
	const struct wdm_bus_ops *ops;
	void *bus;			/* struct pci_dev, for pnp/pci.c */
	char name[32];			/* Linux device name, for reports */
	/* IDs, as the bus reports them (multi-sz where several) */
	WCHAR *device_id;		/* PCI\VEN_1234&DEV_11E8&SUBSYS_...&REV_10 */
	WCHAR *hardware_ids;		/* most specific first */
	WCHAR *compatible_ids;
	WCHAR *instance_id;
	WCHAR *description;
	WCHAR *location;
	ULONG bus_number;
	ULONG address;			/* (device << 16) | function */
	INTERFACE_TYPE bus_type;
	/* resources: raw and translated, same layout */
	PCM_RESOURCE_LIST raw;
	PCM_RESOURCE_LIST translated;
	ULONG resources_size;
	/* the stack */
	struct wdm_driver *function;
	const struct wdm_pnp_ids *ids;	/* the function driver's INF */
	struct wdm_driver *drivers[WDM_PNP_MAX_STACK];	/* that AddDevice'd */
	int ndrivers;
	enum wdm_devnode_state state;
	bool surprise;			/* the hardware vanished */
	bool remove_pending;		/* REMOVE_DEVICE when its files close */
	struct list_head interfaces;	/* pnp/interface.c */
};

/* The bus driver's extension of each PDO. */
struct wdm_pdo_ext {
	struct wdm_devnode *devnode;
};

static inline struct wdm_devnode *wdm_devnode_of_pdo(PDEVICE_OBJECT pdo)
{
	return ((struct wdm_pdo_ext *)pdo->DeviceExtension)->devnode;
}

/* pnp/manager.c */
extern struct wdm_driver *wdm_pnp_bus;
extern struct mutex wdm_pnp_mutex;
extern spinlock_t wdm_pnp_bus_lock;
struct wdm_devnode *wdm_devnode_alloc(const char *name, INTERFACE_TYPE bus,
				      ULONG resource_count);
void wdm_devnode_free(struct wdm_devnode *n);
size_t wdm_devnode_string_bytes(const WCHAR *s, bool multi);
int wdm_devnode_set_ids(struct wdm_devnode *n, const char *const *hardware_ids,
			const char *const *compatible_ids, const char *instance,
			const char *description, const char *location);
int wdm_devnode_start(struct wdm_devnode *n, struct wdm_driver *function,
		      const struct wdm_pnp_ids *ids);
void wdm_devnode_remove(struct wdm_devnode *n, bool surprise);
struct wdm_devnode *wdm_devnode_of(PDEVICE_OBJECT dev);
NTSTATUS wdm_pnp_call(PDEVICE_OBJECT pdo, UCHAR minor,
		      PIO_STACK_LOCATION args, unsigned long *info);
PCM_PARTIAL_RESOURCE_DESCRIPTOR wdm_devnode_add_resource(struct wdm_devnode *n,
							 UCHAR type);
extern bool wdm_pnp_force_surprise;

/* Root enumeration (KUnit): a devnode with no bus behind it. */
struct wdm_devnode *wdm_pnp_root_add(struct wdm_driver *function,
				     const struct wdm_pnp_ids *ids,
				     const char *const *hardware_ids,
				     const CM_PARTIAL_RESOURCE_DESCRIPTOR *raw,
				     const CM_PARTIAL_RESOURCE_DESCRIPTOR *translated,
				     ULONG count, NTSTATUS *status);
void wdm_pnp_root_remove(struct wdm_devnode *n, bool surprise);

/* pnp/pdo.c */
void wdm_pdo_driver_init(PDRIVER_OBJECT drv);

/* pnp/interface.c */
void wdm_interfaces_remove(struct wdm_devnode *n);

/* pnp/pci.c */
int wdm_pci_register(struct wdm_driver *drv, const struct wdm_pnp_ids *ids);
void wdm_pci_unregister(struct wdm_driver *drv);

#endif /* _WDMSHIM_PNP_PNP_H */
