// SPDX-License-Identifier: GPL-2.0
/*
 * po/power.c - the power manager's routines a driver calls on the way
 * down and up a stack. wdmshim sends no power IRPs of its own (Linux
 * runtime and system power management stay Linux's); a power IRP a driver
 * builds or passes on goes down like any other.
 */
#include "../io/io.h"

/**
 * PoCallDriver() - pass a power IRP to the next lower driver
 * @DeviceObject: the device to send it to
 * @Irp: the IRP, with the next stack location set up
 *
 * As on Windows Vista and later, this is IoCallDriver: power IRPs need no
 * serialisation of their own.
 *
 * Return: what the lower driver's dispatch routine returned.
 */
NTSTATUS NTAPI PoCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	return IoCallDriver(DeviceObject, Irp);
}
EXPORT_SYMBOL_WDM(PoCallDriver);

/**
 * PoStartNextPowerIrp() - let the next power IRP in
 * @Irp: the power IRP being handled
 *
 * Since Windows Vista the power manager no longer holds power IRPs back
 * for it and the routine does nothing; drivers written for older systems
 * still call it, so it exists and, as there, does nothing.
 */
VOID NTAPI PoStartNextPowerIrp(PIRP Irp)
{
}
EXPORT_SYMBOL_WDM(PoStartNextPowerIrp);

/**
 * PoSetPowerState() - tell the power manager a device's new power state
 * @DeviceObject: the device
 * @Type: SystemPowerState or DevicePowerState
 * @State: the new state
 *
 * The state is recorded for the device (its PDO's stack); the previous
 * one is returned (D0 / working before any call).
 *
 * Return: the previous state of that type.
 */
POWER_STATE NTAPI PoSetPowerState(PDEVICE_OBJECT DeviceObject,
				  POWER_STATE_TYPE Type, POWER_STATE State)
{
	struct wdm_device *d = wdm_device_of(DeviceObject);
	POWER_STATE old;

	if (Type == DevicePowerState) {
		old.DeviceState = d->power_device ?: PowerDeviceD0;
		d->power_device = State.DeviceState;
	} else {
		old.SystemState = d->power_system ?: PowerSystemWorking;
		d->power_system = State.SystemState;
	}
	return old;
}
EXPORT_SYMBOL_WDM(PoSetPowerState);
