/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdmshim/pnp.h - Plug and Play and power: hardware resources
 * (CM_RESOURCE_LIST), device capabilities, interfaces, PnP and power IRP
 * parameters, remove locks. Included by wdmshim/io.h; hosted drivers
 * include <wdm.h> or <ntddk.h>.
 *
 * Values follow the WDK (checked against mingw-w64's DDK headers by
 * scripts/check-constants).
 */
#ifndef _WDMSHIM_PNP_H
#define _WDMSHIM_PNP_H

/* Buses */
typedef enum _INTERFACE_TYPE {
	InterfaceTypeUndefined = -1,
	Internal,
	Isa,
	Eisa,
	MicroChannel,
	TurboChannel,
	PCIBus,
	VMEBus,
	NuBus,
	PCMCIABus,
	CBus,
	MPIBus,
	MPSABus,
	ProcessorInternal,
	InternalPowerBus,
	PNPISABus,
	PNPBus,
	Vmcs,
	ACPIBus,
	MaximumInterfaceType
} INTERFACE_TYPE, *PINTERFACE_TYPE;

typedef enum _BUS_DATA_TYPE {
	ConfigurationSpaceUndefined = -1,
	Cmos,
	EisaConfiguration,
	Pos,
	CbusConfiguration,
	PCIConfiguration,
	VMEConfiguration,
	NuBusConfiguration,
	PCMCIAConfiguration,
	MPIConfiguration,
	MPSAConfiguration,
	PNPISAConfiguration,
	SgiInternalConfiguration,
	MaximumBusDataType
} BUS_DATA_TYPE, *PBUS_DATA_TYPE;

#define PCI_WHICHSPACE_CONFIG	0x0
#define PCI_WHICHSPACE_ROM	0x52696350

/* Hardware resources */
#define CmResourceTypeNull		0
#define CmResourceTypePort		1
#define CmResourceTypeInterrupt		2
#define CmResourceTypeMemory		3
#define CmResourceTypeDma		4
#define CmResourceTypeDeviceSpecific	5
#define CmResourceTypeBusNumber		6
#define CmResourceTypeMemoryLarge	7
#define CmResourceTypeDevicePrivate	129

typedef enum _CM_SHARE_DISPOSITION {
	CmResourceShareUndetermined = 0,
	CmResourceShareDeviceExclusive,
	CmResourceShareDriverExclusive,
	CmResourceShareShared
} CM_SHARE_DISPOSITION;

#define CM_RESOURCE_PORT_MEMORY			0x0000
#define CM_RESOURCE_PORT_IO			0x0001
#define CM_RESOURCE_PORT_BAR			0x0100
#define CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE	0x0000
#define CM_RESOURCE_INTERRUPT_LATCHED		0x0001
#define CM_RESOURCE_INTERRUPT_MESSAGE		0x0002
#define CM_RESOURCE_MEMORY_READ_WRITE		0x0000
#define CM_RESOURCE_MEMORY_READ_ONLY		0x0001
#define CM_RESOURCE_MEMORY_WRITE_ONLY		0x0002
#define CM_RESOURCE_MEMORY_PREFETCHABLE		0x0004
#define CM_RESOURCE_MEMORY_BAR			0x0080

/* 4-byte packing, as the WDK's: 20 bytes a descriptor on x64. */
#pragma pack(push, 4)
typedef struct _CM_PARTIAL_RESOURCE_DESCRIPTOR {
	UCHAR Type;			/* CmResourceType* */
	UCHAR ShareDisposition;		/* CM_SHARE_DISPOSITION */
	USHORT Flags;			/* CM_RESOURCE_* of the type */
	union {
		struct {
			PHYSICAL_ADDRESS Start;
			ULONG Length;
		} Generic;
		struct {
			PHYSICAL_ADDRESS Start;
			ULONG Length;
		} Port;
		struct {
			ULONG Level;
			ULONG Vector;
			KAFFINITY Affinity;
		} Interrupt;
		struct {
			union {
				struct {
					USHORT Reserved;
					USHORT MessageCount;
					ULONG Vector;
					KAFFINITY Affinity;
				} Raw;
				struct {
					ULONG Level;
					ULONG Vector;
					KAFFINITY Affinity;
				} Translated;
			};
		} MessageInterrupt;
		struct {
			PHYSICAL_ADDRESS Start;
			ULONG Length;
		} Memory;
		struct {
			ULONG Channel;
			ULONG Port;
			ULONG Reserved1;
		} Dma;
		struct {
			ULONG Data[3];
		} DevicePrivate;
		struct {
			ULONG Start;
			ULONG Length;
			ULONG Reserved;
		} BusNumber;
		struct {
			ULONG DataSize;
			ULONG Reserved1;
			ULONG Reserved2;
		} DeviceSpecificData;
	} u;
} CM_PARTIAL_RESOURCE_DESCRIPTOR, *PCM_PARTIAL_RESOURCE_DESCRIPTOR;
#pragma pack(pop)

typedef struct _CM_PARTIAL_RESOURCE_LIST {
	USHORT Version;
	USHORT Revision;
	ULONG Count;
	CM_PARTIAL_RESOURCE_DESCRIPTOR PartialDescriptors[1];
} CM_PARTIAL_RESOURCE_LIST, *PCM_PARTIAL_RESOURCE_LIST;

typedef struct _CM_FULL_RESOURCE_DESCRIPTOR {
	INTERFACE_TYPE InterfaceType;
	ULONG BusNumber;
	CM_PARTIAL_RESOURCE_LIST PartialResourceList;
} CM_FULL_RESOURCE_DESCRIPTOR, *PCM_FULL_RESOURCE_DESCRIPTOR;

typedef struct _CM_RESOURCE_LIST {
	ULONG Count;
	CM_FULL_RESOURCE_DESCRIPTOR List[1];
} CM_RESOURCE_LIST, *PCM_RESOURCE_LIST;

/* Resource requirements (IRP_MN_QUERY_RESOURCE_REQUIREMENTS) */
#define IO_RESOURCE_PREFERRED	0x01
#define IO_RESOURCE_DEFAULT	0x02
#define IO_RESOURCE_ALTERNATIVE	0x08

typedef struct _IO_RESOURCE_DESCRIPTOR {
	UCHAR Option;
	UCHAR Type;
	UCHAR ShareDisposition;
	UCHAR Spare1;
	USHORT Flags;
	USHORT Spare2;
	union {
		struct {
			ULONG Length;
			ULONG Alignment;
			PHYSICAL_ADDRESS MinimumAddress;
			PHYSICAL_ADDRESS MaximumAddress;
		} Port;
		struct {
			ULONG Length;
			ULONG Alignment;
			PHYSICAL_ADDRESS MinimumAddress;
			PHYSICAL_ADDRESS MaximumAddress;
		} Memory;
		struct {
			ULONG MinimumVector;
			ULONG MaximumVector;
			USHORT AffinityPolicy;
			USHORT Group;
			ULONG PriorityPolicy;
			KAFFINITY TargetedProcessors;
		} Interrupt;
		struct {
			ULONG Data[3];
		} DevicePrivate;
		struct {
			ULONG Length;
			ULONG Alignment;
			PHYSICAL_ADDRESS MinimumAddress;
			PHYSICAL_ADDRESS MaximumAddress;
		} Generic;
	} u;
} IO_RESOURCE_DESCRIPTOR, *PIO_RESOURCE_DESCRIPTOR;

typedef struct _IO_RESOURCE_LIST {
	USHORT Version;
	USHORT Revision;
	ULONG Count;
	IO_RESOURCE_DESCRIPTOR Descriptors[1];
} IO_RESOURCE_LIST, *PIO_RESOURCE_LIST;

typedef struct _IO_RESOURCE_REQUIREMENTS_LIST {
	ULONG ListSize;
	INTERFACE_TYPE InterfaceType;
	ULONG BusNumber;
	ULONG SlotNumber;
	ULONG Reserved[3];
	ULONG AlternativeLists;
	IO_RESOURCE_LIST List[1];
} IO_RESOURCE_REQUIREMENTS_LIST, *PIO_RESOURCE_REQUIREMENTS_LIST;

/* Power */
typedef enum _SYSTEM_POWER_STATE {
	PowerSystemUnspecified = 0,
	PowerSystemWorking,
	PowerSystemSleeping1,
	PowerSystemSleeping2,
	PowerSystemSleeping3,
	PowerSystemHibernate,
	PowerSystemShutdown,
	PowerSystemMaximum
} SYSTEM_POWER_STATE, *PSYSTEM_POWER_STATE;

typedef enum _DEVICE_POWER_STATE {
	PowerDeviceUnspecified = 0,
	PowerDeviceD0,
	PowerDeviceD1,
	PowerDeviceD2,
	PowerDeviceD3,
	PowerDeviceMaximum
} DEVICE_POWER_STATE, *PDEVICE_POWER_STATE;

typedef enum _POWER_STATE_TYPE {
	SystemPowerState = 0,
	DevicePowerState
} POWER_STATE_TYPE, *PPOWER_STATE_TYPE;

typedef union _POWER_STATE {
	SYSTEM_POWER_STATE SystemState;
	DEVICE_POWER_STATE DeviceState;
} POWER_STATE, *PPOWER_STATE;

typedef enum _POWER_ACTION {
	PowerActionNone = 0,
	PowerActionReserved,
	PowerActionSleep,
	PowerActionHibernate,
	PowerActionShutdown,
	PowerActionShutdownReset,
	PowerActionShutdownOff,
	PowerActionWarmEject
} POWER_ACTION, *PPOWER_ACTION;

/* PnP queries */
typedef enum _BUS_QUERY_ID_TYPE {
	BusQueryDeviceID,
	BusQueryHardwareIDs,
	BusQueryCompatibleIDs,
	BusQueryInstanceID,
	BusQueryDeviceSerialNumber,
	BusQueryContainerID
} BUS_QUERY_ID_TYPE, *PBUS_QUERY_ID_TYPE;

typedef enum _DEVICE_TEXT_TYPE {
	DeviceTextDescription,
	DeviceTextLocationInformation
} DEVICE_TEXT_TYPE, *PDEVICE_TEXT_TYPE;

typedef enum _DEVICE_RELATION_TYPE {
	BusRelations,
	EjectionRelations,
	PowerRelations,
	RemovalRelations,
	TargetDeviceRelation,
	SingleBusRelations,
	TransportRelations
} DEVICE_RELATION_TYPE, *PDEVICE_RELATION_TYPE;

typedef struct _DEVICE_RELATIONS {
	ULONG Count;
	struct _DEVICE_OBJECT *Objects[1];
} DEVICE_RELATIONS, *PDEVICE_RELATIONS;

typedef enum _DEVICE_USAGE_NOTIFICATION_TYPE {
	DeviceUsageTypeUndefined,
	DeviceUsageTypePaging,
	DeviceUsageTypeHibernation,
	DeviceUsageTypeDumpFile,
	DeviceUsageTypeBoot,
	DeviceUsageTypePostDisplay,
	DeviceUsageTypeGuestAssigned
} DEVICE_USAGE_NOTIFICATION_TYPE;

/* IRP_MN_QUERY_PNP_DEVICE_STATE */
#define PNP_DEVICE_DISABLED			0x00000001
#define PNP_DEVICE_DONT_DISPLAY_IN_UI		0x00000002
#define PNP_DEVICE_FAILED			0x00000004
#define PNP_DEVICE_REMOVED			0x00000008
#define PNP_DEVICE_RESOURCE_REQUIREMENTS_CHANGED 0x00000010
#define PNP_DEVICE_NOT_DISABLEABLE		0x00000020
typedef ULONG PNP_DEVICE_STATE, *PPNP_DEVICE_STATE;

typedef struct _DEVICE_CAPABILITIES {
	USHORT Size;
	USHORT Version;
	ULONG DeviceD1:1;
	ULONG DeviceD2:1;
	ULONG LockSupported:1;
	ULONG EjectSupported:1;
	ULONG Removable:1;
	ULONG DockDevice:1;
	ULONG UniqueID:1;
	ULONG SilentInstall:1;
	ULONG RawDeviceOK:1;
	ULONG SurpriseRemovalOK:1;
	ULONG WakeFromD0:1;
	ULONG WakeFromD1:1;
	ULONG WakeFromD2:1;
	ULONG WakeFromD3:1;
	ULONG HardwareDisabled:1;
	ULONG NonDynamic:1;
	ULONG WarmEjectSupported:1;
	ULONG NoDisplayInUI:1;
	ULONG Reserved:14;
	ULONG Address;
	ULONG UINumber;
	DEVICE_POWER_STATE DeviceState[PowerSystemMaximum];
	SYSTEM_POWER_STATE SystemWake;
	DEVICE_POWER_STATE DeviceWake;
	ULONG D1Latency;
	ULONG D2Latency;
	ULONG D3Latency;
} DEVICE_CAPABILITIES, *PDEVICE_CAPABILITIES;

/* Interfaces (IRP_MN_QUERY_INTERFACE) */
typedef VOID NTAPI INTERFACE_REFERENCE(PVOID Context);
typedef INTERFACE_REFERENCE *PINTERFACE_REFERENCE;
typedef VOID NTAPI INTERFACE_DEREFERENCE(PVOID Context);
typedef INTERFACE_DEREFERENCE *PINTERFACE_DEREFERENCE;

typedef struct _INTERFACE {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
} INTERFACE, *PINTERFACE;

struct _DMA_ADAPTER;
struct _DEVICE_DESCRIPTION;
typedef BOOLEAN NTAPI TRANSLATE_BUS_ADDRESS(PVOID Context,
					    PHYSICAL_ADDRESS BusAddress,
					    ULONG Length, PULONG AddressSpace,
					    PPHYSICAL_ADDRESS TranslatedAddress);
typedef TRANSLATE_BUS_ADDRESS *PTRANSLATE_BUS_ADDRESS;
typedef struct _DMA_ADAPTER *NTAPI GET_DMA_ADAPTER(PVOID Context,
						 struct _DEVICE_DESCRIPTION *DeviceDescriptor,
						 PULONG NumberOfMapRegisters);
typedef GET_DMA_ADAPTER *PGET_DMA_ADAPTER;
typedef ULONG NTAPI GET_SET_DEVICE_DATA(PVOID Context, ULONG DataType,
					PVOID Buffer, ULONG Offset,
					ULONG Length);
typedef GET_SET_DEVICE_DATA *PGET_SET_DEVICE_DATA;

/* GUID_BUS_INTERFACE_STANDARD (wdmguid.h) */
typedef struct _BUS_INTERFACE_STANDARD {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
	PTRANSLATE_BUS_ADDRESS TranslateBusAddress;
	PGET_DMA_ADAPTER GetDmaAdapter;
	PGET_SET_DEVICE_DATA SetBusData;
	PGET_SET_DEVICE_DATA GetBusData;
} BUS_INTERFACE_STANDARD, *PBUS_INTERFACE_STANDARD;

/* IoGetDeviceProperty */
typedef enum _DEVICE_REGISTRY_PROPERTY {
	DevicePropertyDeviceDescription = 0,
	DevicePropertyHardwareID = 1,
	DevicePropertyCompatibleIDs = 2,
	DevicePropertyBootConfiguration = 3,
	DevicePropertyBootConfigurationTranslated = 4,
	DevicePropertyClassName = 5,
	DevicePropertyClassGuid = 6,
	DevicePropertyDriverKeyName = 7,
	DevicePropertyManufacturer = 8,
	DevicePropertyFriendlyName = 9,
	DevicePropertyLocationInformation = 10,
	DevicePropertyPhysicalDeviceObjectName = 11,
	DevicePropertyBusTypeGuid = 12,
	DevicePropertyLegacyBusType = 13,
	DevicePropertyBusNumber = 14,
	DevicePropertyEnumeratorName = 15,
	DevicePropertyAddress = 16,
	DevicePropertyUINumber = 17,
	DevicePropertyInstallState = 18,
	DevicePropertyRemovalPolicy = 19,
	DevicePropertyResourceRequirements = 20,
	DevicePropertyAllocatedResources = 21,
	DevicePropertyContainerID = 22
} DEVICE_REGISTRY_PROPERTY;

/* Remove locks: one common block (no debug block). */
typedef struct _IO_REMOVE_LOCK_COMMON_BLOCK {
	BOOLEAN Removed;
	BOOLEAN Reserved[3];
	volatile LONG IoCount;
	KEVENT RemoveEvent;
} IO_REMOVE_LOCK_COMMON_BLOCK;

typedef struct _IO_REMOVE_LOCK {
	IO_REMOVE_LOCK_COMMON_BLOCK Common;
} IO_REMOVE_LOCK, *PIO_REMOVE_LOCK;

#endif /* _WDMSHIM_PNP_H */
