// SPDX-License-Identifier: GPL-2.0
/*
 * pnp/pci.c - Linux glue: a pci_driver for each hosted PnP driver, built
 * from the hardware IDs of its INF.
 *
 * A PCI device has Windows' IDs, most specific first:
 *	PCI\VEN_v&DEV_d&SUBSYS_s&REV_r, PCI\VEN_v&DEV_d&SUBSYS_s,
 *	PCI\VEN_v&DEV_d&REV_r, PCI\VEN_v&DEV_d, PCI\VEN_v&DEV_d&CC_ccsspp,
 *	PCI\VEN_v&DEV_d&CC_ccss (hardware IDs), then
 *	PCI\VEN_v&CC_ccsspp, PCI\VEN_v&CC_ccss, PCI\VEN_v, PCI\CC_ccsspp,
 *	PCI\CC_ccss (compatible IDs)
 * and, as on Windows, the driver whose INF names the earliest of them
 * gets the device: a driver probing a device that another loaded driver
 * matches more specifically declines it.
 *
 * Probe: enable the device, claim its BARs, make it a bus master, take
 * one interrupt vector (MSI if it can, else INTx), describe BARs and
 * interrupt as the raw and translated CM_RESOURCE_LISTs, and hand the
 * devnode to the PnP manager (AddDevice, IRP_MN_START_DEVICE). Remove:
 * the PnP manager tears the stack down - IRP_MN_SURPRISE_REMOVAL if the
 * device no longer answers (pci_device_is_present()), else
 * IRP_MN_QUERY_REMOVE_DEVICE - and then the device is given back.
 */
#include <linux/cpumask.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string_helpers.h>
#include "pnp.h"

#define WDM_PCI_MAX_IDS 12

struct wdm_pci_driver {
	struct pci_driver pci;
	struct pci_device_id *table;
	struct wdm_driver *drv;
	const struct wdm_pnp_ids *ids;
	struct list_head node;		/* in wdm_pci_drivers */
};

/* A probe's scratch: the device's IDs as strings. */
struct wdm_pci_probe {
	char ids[WDM_PCI_MAX_IDS][64];
	const char *hw[WDM_PCI_MAX_IDS + 1];
	const char *compat[WDM_PCI_MAX_IDS + 1];
	char loc[64];
};

static LIST_HEAD(wdm_pci_drivers);
static DEFINE_MUTEX(wdm_pci_lock);	/* wdm_pci_drivers */

/* The IDs of @pdev, most specific first; returns how many. */
static int wdm_pci_ids(struct pci_dev *pdev, char ids[][64], int *nhw)
{
	u32 cls = pdev->class;
	int n = 0;

#define ID(...) snprintf(ids[n++], 64, __VA_ARGS__)
	ID("PCI\\VEN_%04X&DEV_%04X&SUBSYS_%04X%04X&REV_%02X", pdev->vendor,
	   pdev->device, pdev->subsystem_device, pdev->subsystem_vendor,
	   pdev->revision);
	ID("PCI\\VEN_%04X&DEV_%04X&SUBSYS_%04X%04X", pdev->vendor, pdev->device,
	   pdev->subsystem_device, pdev->subsystem_vendor);
	ID("PCI\\VEN_%04X&DEV_%04X&REV_%02X", pdev->vendor, pdev->device,
	   pdev->revision);
	ID("PCI\\VEN_%04X&DEV_%04X", pdev->vendor, pdev->device);
	ID("PCI\\VEN_%04X&DEV_%04X&CC_%06X", pdev->vendor, pdev->device, cls);
	ID("PCI\\VEN_%04X&DEV_%04X&CC_%04X", pdev->vendor, pdev->device, cls >> 8);
	*nhw = n;
	ID("PCI\\VEN_%04X&CC_%06X", pdev->vendor, cls);
	ID("PCI\\VEN_%04X&CC_%04X", pdev->vendor, cls >> 8);
	ID("PCI\\VEN_%04X", pdev->vendor);
	ID("PCI\\CC_%06X", cls);
	ID("PCI\\CC_%04X", cls >> 8);
#undef ID
	return n;
}

/* How well @p's INF matches the IDs: their index (lower is better). */
static int wdm_pci_rank(const struct wdm_pci_driver *p, char ids[][64], int n)
{
	const char *const *hw;
	int i;

	for (i = 0; i < n; i++)
		for (hw = p->ids->hardware_ids; *hw; hw++)
			if (!strcasecmp(*hw, ids[i]))
				return i;
	return INT_MAX;
}

/* Parse a PCI\VEN_xxxx&DEV_yyyy... or PCI\CC_... ID into a table entry. */
static bool wdm_pci_parse(const char *id, struct pci_device_id *e)
{
	unsigned int v, d, c;
	char p[64];

	/* IDs are case-insensitive (wdm_pci_rank() compares them so too). */
	if (strncasecmp(id, "PCI\\", 4))
		return false;
	strscpy(p, id + 4, sizeof(p));
	string_upper(p, p);
	e->vendor = PCI_ANY_ID;
	e->device = PCI_ANY_ID;
	e->subvendor = PCI_ANY_ID;
	e->subdevice = PCI_ANY_ID;
	if (sscanf(p, "VEN_%4x&DEV_%4x", &v, &d) == 2) {
		e->vendor = v;
		e->device = d;
		return true;
	}
	if (sscanf(p, "VEN_%4x", &v) == 1) {
		e->vendor = v;
		return true;
	}
	if (sscanf(p, "CC_%x", &c) == 1) {
		/* CC_ccss or CC_ccsspp */
		if (strlen(p) > 7) {
			e->class = c;
			e->class_mask = 0xffffff;
		} else {
			e->class = c << 8;
			e->class_mask = 0xffff00;
		}
		return true;
	}
	return false;
}

static ULONG wdm_pci_config(struct wdm_devnode *n, bool write, PVOID buffer,
			    ULONG offset, ULONG length)
{
	struct pci_dev *pdev = n->bus;
	u8 *b = buffer;
	ULONG i;

	for (i = 0; i < length && offset + i < pdev->cfg_size; i++) {
		int err = write ? pci_write_config_byte(pdev, offset + i, b[i]) :
				  pci_read_config_byte(pdev, offset + i, &b[i]);
		if (err)
			break;
	}
	return i;
}

static const struct wdm_bus_ops wdm_pci_ops = {
	.config = wdm_pci_config,
};

/* The BARs and the interrupt, raw and translated. */
static void wdm_pci_resources(struct wdm_devnode *n, struct pci_dev *pdev)
{
	PCM_PARTIAL_RESOURCE_LIST tl = &n->translated->List[0].PartialResourceList;
	PCM_PARTIAL_RESOURCE_DESCRIPTOR raw, tr;
	KAFFINITY affinity = 0;
	unsigned int cpu;
	int bar;

	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++) {
		resource_size_t len = pci_resource_len(pdev, bar);
		unsigned long flags = pci_resource_flags(pdev, bar);
		struct pci_bus_region region;

		if (!len || len > U32_MAX || !(flags & (IORESOURCE_MEM | IORESOURCE_IO)))
			continue;
		pcibios_resource_to_bus(pdev->bus, &region, &pdev->resource[bar]);
		raw = wdm_devnode_add_resource(n, flags & IORESOURCE_MEM ?
					       CmResourceTypeMemory :
					       CmResourceTypePort);
		tr = &tl->PartialDescriptors[tl->Count - 1];
		raw->ShareDisposition = CmResourceShareDeviceExclusive;
		if (flags & IORESOURCE_MEM)
			raw->Flags = CM_RESOURCE_MEMORY_READ_WRITE |
				     (flags & IORESOURCE_PREFETCH ?
				      CM_RESOURCE_MEMORY_PREFETCHABLE : 0);
		else
			raw->Flags = CM_RESOURCE_PORT_IO;
		raw->u.Generic.Start.QuadPart = region.start;	/* bus address */
		raw->u.Generic.Length = len;
		*tr = *raw;
		tr->u.Generic.Start.QuadPart = pci_resource_start(pdev, bar);
	}

	if (!pdev->irq && !pdev->msi_enabled)
		return;
	for_each_online_cpu(cpu)
		if (cpu < BITS_PER_LONG)
			affinity |= 1UL << cpu;
	raw = wdm_devnode_add_resource(n, CmResourceTypeInterrupt);
	tr = &tl->PartialDescriptors[tl->Count - 1];
	if (pdev->msi_enabled) {
		raw->ShareDisposition = CmResourceShareDeviceExclusive;
		raw->Flags = CM_RESOURCE_INTERRUPT_MESSAGE | CM_RESOURCE_INTERRUPT_LATCHED;
		raw->u.MessageInterrupt.Raw.MessageCount = 1;
		raw->u.MessageInterrupt.Raw.Vector = pci_irq_vector(pdev, 0);
		raw->u.MessageInterrupt.Raw.Affinity = affinity;
		*tr = *raw;
		tr->u.MessageInterrupt.Translated.Level = WDM_DIRQL;
		tr->u.MessageInterrupt.Translated.Vector = pci_irq_vector(pdev, 0);
		tr->u.MessageInterrupt.Translated.Affinity = affinity;
	} else {
		raw->ShareDisposition = CmResourceShareShared;
		raw->Flags = CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE;
		raw->u.Interrupt.Level = pdev->irq;
		raw->u.Interrupt.Vector = pdev->irq;
		raw->u.Interrupt.Affinity = affinity;
		*tr = *raw;
		/* Translated: the IRQL and the Linux IRQ number to connect. */
		tr->u.Interrupt.Level = WDM_DIRQL;
		tr->u.Interrupt.Vector = pci_irq_vector(pdev, 0);
	}
}

static void wdm_pci_release(struct pci_dev *pdev)
{
	/* What the drivers left connected or allocated: reported, undone. */
	wdm_interrupts_device_gone(&pdev->dev);
	wdm_dma_device_gone(&pdev->dev);
	pci_free_irq_vectors(pdev);
	pci_clear_master(pdev);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
}

static int wdm_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct wdm_pci_driver *p = container_of(pdev->dev.driver,
						struct wdm_pci_driver, pci.driver);
	struct wdm_pci_probe *w;
	struct wdm_pci_driver *other;
	struct wdm_devnode *n;
	int i, nids, nhw, rank, err;

	w = kmalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	nids = wdm_pci_ids(pdev, w->ids, &nhw);
	rank = wdm_pci_rank(p, w->ids, nids);
	err = -ENODEV;
	if (rank == INT_MAX)
		goto out;
	mutex_lock(&wdm_pci_lock);
	list_for_each_entry(other, &wdm_pci_drivers, node) {
		if (other != p && !READ_ONCE(other->drv->unloading) &&
		    wdm_pci_rank(other, w->ids, nids) < rank) {
			mutex_unlock(&wdm_pci_lock);
			dev_info(&pdev->dev, "WDM driver %s matches it better than %s\n",
				 other->drv->name, p->drv->name);
			goto out;
		}
	}
	mutex_unlock(&wdm_pci_lock);

	err = pci_enable_device(pdev);
	if (err)
		goto out;
	err = pci_request_regions(pdev, p->drv->name);
	if (err)
		goto disable;
	pci_set_master(pdev);
	/* One vector: MSI if the device (and the kernel) can, else INTx. */
	if (pdev->irq || pdev->msi_cap)
		pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_LEGACY);

	err = -ENOMEM;
	n = wdm_devnode_alloc(pci_name(pdev), PCIBus, PCI_STD_NUM_BARS + 1);
	if (!n)
		goto release;
	for (i = 0; i < nhw; i++)
		w->hw[i] = w->ids[i];
	w->hw[nhw] = NULL;
	for (i = nhw; i < nids; i++)
		w->compat[i - nhw] = w->ids[i];
	w->compat[nids - nhw] = NULL;
	snprintf(w->loc, sizeof(w->loc), "PCI bus %u, device %u, function %u",
		 pdev->bus->number, PCI_SLOT(pdev->devfn), PCI_FUNC(pdev->devfn));
	if (wdm_devnode_set_ids(n, w->hw, w->compat, pci_name(pdev),
				p->ids->description ?: "PCI device", w->loc)) {
		wdm_devnode_free(n);
		goto release;
	}
	n->bus_number = pdev->bus->number;
	n->address = (PCI_SLOT(pdev->devfn) << 16) | PCI_FUNC(pdev->devfn);
	n->ldev = &pdev->dev;
	n->bus = pdev;
	n->ops = &wdm_pci_ops;
	wdm_pci_resources(n, pdev);
	dev_info(&pdev->dev, "WDM driver %s for %s, %s interrupt\n", p->drv->name,
		 w->ids[0], pdev->msi_enabled ? "MSI" : pdev->irq ? "INTx" : "no");
	pci_set_drvdata(pdev, n);
	err = wdm_devnode_start(n, p->drv, p->ids);	/* frees n on failure */
	if (err) {
		pci_set_drvdata(pdev, NULL);
		goto release;
	}
	kfree(w);
	return 0;

release:
	wdm_pci_release(pdev);
	kfree(w);
	return err;
disable:
	pci_disable_device(pdev);
out:
	kfree(w);
	return err;
}

static void wdm_pci_remove(struct pci_dev *pdev)
{
	struct wdm_devnode *n = pci_get_drvdata(pdev);

	/* Gone from the bus (hot-unplugged): a surprise removal. */
	wdm_devnode_remove(n, !pci_device_is_present(pdev));
	pci_set_drvdata(pdev, NULL);
	wdm_pci_release(pdev);
}

/**
 * wdm_pci_register() - a pci_driver for the PCI IDs of a driver's INF
 * @drv: the driver
 * @ids: its INF
 *
 * Return: 0 (also when the INF names no PCI device), or a negative errno.
 */
int wdm_pci_register(struct wdm_driver *drv, const struct wdm_pnp_ids *ids)
{
	struct wdm_pci_driver *p;
	int i, n = 0, err;

	for (i = 0; ids->hardware_ids && ids->hardware_ids[i]; i++)
		n++;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->table = kcalloc(n + 1, sizeof(*p->table), GFP_KERNEL);
	if (!p->table) {
		kfree(p);
		return -ENOMEM;
	}
	for (i = 0, n = 0; ids->hardware_ids && ids->hardware_ids[i]; i++)
		if (wdm_pci_parse(ids->hardware_ids[i], &p->table[n]))
			n++;
	p->drv = drv;
	p->ids = ids;
	INIT_LIST_HEAD(&p->node);
	drv->pnp = p;
	if (!n)
		return 0;	/* no PCI device: nothing for Linux to bind */
	p->pci.name = drv->name;
	p->pci.id_table = p->table;
	p->pci.probe = wdm_pci_probe;
	p->pci.remove = wdm_pci_remove;
	mutex_lock(&wdm_pci_lock);
	list_add_tail(&p->node, &wdm_pci_drivers);
	mutex_unlock(&wdm_pci_lock);
	err = __pci_register_driver(&p->pci, drv->owner, drv->name);
	if (err) {
		mutex_lock(&wdm_pci_lock);
		list_del(&p->node);
		mutex_unlock(&wdm_pci_lock);
		kfree(p->table);
		kfree(p);
		drv->pnp = NULL;
	}
	return err;
}

/**
 * wdm_pci_unregister() - the driver goes: its devices are removed
 * @drv: the driver
 */
void wdm_pci_unregister(struct wdm_driver *drv)
{
	struct wdm_pci_driver *p = drv->pnp;

	if (!p)
		return;
	if (p->pci.probe) {
		pci_unregister_driver(&p->pci);
		mutex_lock(&wdm_pci_lock);
		list_del(&p->node);
		mutex_unlock(&wdm_pci_lock);
	}
	kfree(p->table);
	kfree(p);
	drv->pnp = NULL;
}
