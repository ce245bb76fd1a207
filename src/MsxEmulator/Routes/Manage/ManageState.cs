namespace MsxEmulator.State;

/// <summary>
/// Sites and devices behind one lock (a site refers to devices, so an add-devices call checks and changes
/// both at once, all or nothing). Records are immutable, so snapshots can be filtered and serialized
/// outside the lock. Tenants live in <see cref="EmulatorState"/>; callers check them before calling here.
/// </summary>
public sealed class ManageState : IResettable
{
    private readonly Lock _gate = new();
    private readonly ManageData _initial;
    private readonly bool _approvalAtStart;
    private readonly Dictionary<string, Device> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _serialKeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, Dictionary<string, string>> _deviceNames = [];
    private readonly Dictionary<Guid, Site> _sites = [];
    private readonly Dictionary<Guid, Dictionary<string, Guid>> _siteNames = [];
    private long _nextDeviceSequence;
    private long _nextSiteSequence;
    private bool _configApproval;

    public ManageState(ManageData initial, bool configApproval, EmulatorClock clock)
    {
        _initial = initial;
        _approvalAtStart = configApproval;
        Clock = clock;
        Reset();
    }

    /// <summary>The clock that creation, change and status times are read from.</summary>
    public EmulatorClock Clock { get; }

    /// <summary>Goes back to the loaded sites and devices and to the command line's config-approval setting.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _devices.Clear();
            _serialKeys.Clear();
            _deviceNames.Clear();
            _sites.Clear();
            _siteNames.Clear();
            foreach (var device in _initial.Devices)
            {
                IndexDevice(device);
            }

            foreach (var site in _initial.Sites)
            {
                IndexSite(site);
            }

            _nextDeviceSequence = _initial.Devices.Count == 0 ? 0 : _initial.Devices.Max(d => d.Sequence) + 1;
            _nextSiteSequence = _initial.Sites.Count == 0 ? 0 : _initial.Sites.Max(s => s.Sequence) + 1;
            _configApproval = _approvalAtStart;
        }
    }

    /// <summary>When on, config updates wait for approval (202 with a change request) and change nothing.</summary>
    public bool ConfigApproval
    {
        get
        {
            lock (_gate)
            {
                return _configApproval;
            }
        }

        set
        {
            lock (_gate)
            {
                _configApproval = value;
            }
        }
    }

    public Device? FindDevice(string id)
    {
        lock (_gate)
        {
            return _devices.GetValueOrDefault(id);
        }
    }

    /// <summary>All devices in creation order.</summary>
    public List<Device> Devices()
    {
        lock (_gate)
        {
            var all = _devices.Values.ToList();
            all.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            return all;
        }
    }

    public ManageResult<Device> CreateDevice(DeviceCreateDraft draft, Guid userId, DateTime now)
    {
        var fields = draft.Fields;
        lock (_gate)
        {
            if (Conflict(draft.TenantId, fields.Name, fields.SerialKey, null) is { } conflict)
            {
                return conflict;
            }

            var id = ManageRules.NewDeviceId();
            while (_devices.ContainsKey(id))
            {
                id = ManageRules.NewDeviceId();
            }

            var device = new Device(id, fields.Name, fields.Model, fields.Type, fields.SubType, fields.Tags, fields.SerialKey,
                fields.Version, draft.ServiceInstanceId, draft.SubscriptionId, fields.ServiceType, fields.Managed,
                fields.OnboardType, fields.OnboardInformation, fields.Attributes, fields.ComplianceState, "NOT_APPLICABLE",
                ManageRules.InitialStatus(now), ManageRules.InitialStatusDetails(now), draft.TenantId, ManageRules.ProviderId,
                userId, now, now, ManageRules.InitialConfig(fields.Name), ManageRules.Unknown, null, _nextDeviceSequence++);
            IndexDevice(device);
            return new(ManageOutcome.Done, device);
        }
    }

    /// <summary>PUT: replaces every DeviceUpdate field; tenant, subscription and service instance stay.</summary>
    public ManageResult<Device> ReplaceDevice(string id, DeviceDraft fields, DateTime now) =>
        ChangeDevice(id, old => old with
        {
            Name = fields.Name,
            Model = fields.Model,
            Type = fields.Type,
            SubType = fields.SubType,
            Tags = fields.Tags,
            SerialKey = fields.SerialKey,
            Version = fields.Version,
            ServiceType = fields.ServiceType,
            Managed = fields.Managed,
            OnboardType = fields.OnboardType,
            OnboardInformation = fields.OnboardInformation,
            Attributes = fields.Attributes,
            ComplianceState = fields.ComplianceState,
            ModifiedOn = Later(now, old.ModifiedOn),
        });

    public ManageResult<Device> PatchDevice(string id, DevicePatchDraft patch, DateTime now) =>
        ChangeDevice(id, old => patch.ApplyTo(old) with { ModifiedOn = Later(now, old.ModifiedOn) });

    /// <summary>Deletes a device and takes it off every site that held it.</summary>
    public ManageOutcome DeleteDevice(string id)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var device))
            {
                return ManageOutcome.NotFound;
            }

            UnindexDevice(device);
            foreach (var site in _sites.Values.Where(s => s.DeviceIds.Contains(id, StringComparer.Ordinal)).ToList())
            {
                _sites[site.Id] = site with { DeviceIds = site.DeviceIds.Where(d => d != id).ToList() };
            }

            return ManageOutcome.Done;
        }
    }

    public ManageResult<Device> UpdateConfig(string id, string content) =>
        ChangeDevice(id, old => old with { Config = content });

    public ManageResult<Device> SetHealth(string id, string health, string? description, DateTime now) =>
        ChangeDevice(id, old => old with
        {
            Health = health,
            HealthDescription = description,
            StatusDetails = old.StatusDetails with
            {
                HealthStatus = ManageRules.HealthEntry(health, now, "Updated by the emulator control API"),
            },
        });

    public ManageResult<Device> SetStatus(string id, string? value, string? severity, string? message, string? vulnerabilityState, DateTime now) =>
        ChangeDevice(id, old => old with
        {
            Status = new StatusEntry(value ?? old.Status.Value, severity ?? old.Status.Severity, now,
                message ?? "Updated by the emulator control API"),
            VulnerabilityState = vulnerabilityState ?? old.VulnerabilityState,
        });

    /// <summary>Redeploy needs a managed device; it changes nothing the API shows.</summary>
    public ManageOutcome CheckRedeploy(string id)
    {
        lock (_gate)
        {
            return !_devices.TryGetValue(id, out var device) ? ManageOutcome.NotFound
                : device.Managed ? ManageOutcome.Done : ManageOutcome.NotManaged;
        }
    }

    public SiteView? FindSite(Guid id)
    {
        lock (_gate)
        {
            return _sites.TryGetValue(id, out var site) ? View(site) : null;
        }
    }

    /// <summary>All sites in creation order (createdOn, then creation sequence).</summary>
    public List<SiteView> Sites()
    {
        lock (_gate)
        {
            var all = _sites.Values.ToList();
            all.Sort(static (a, b) =>
            {
                var c = a.CreatedOn.CompareTo(b.CreatedOn);
                return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
            });
            return all.ConvertAll(View);
        }
    }

    public ManageResult<SiteView> CreateSite(SiteCreateDraft draft, string createdBy, DateTime now)
    {
        var fields = draft.Fields;
        lock (_gate)
        {
            if (NameHolder(_siteNames, draft.TenantId, fields.Name) is not null)
            {
                return ManageOutcome.SiteNameTaken;
            }

            if (CheckParent(draft.TenantId, fields.ParentId, null) is { } parentProblem)
            {
                return parentProblem;
            }

            if (CheckDevices(draft.TenantId, draft.DeviceIds) is { } deviceProblem)
            {
                return new(deviceProblem.Outcome, null, deviceProblem.Detail);
            }

            var id = Guid.NewGuid();
            var site = new Site(id, draft.TenantId, fields.ParentId, fields.Name, fields.Type, fields.Description, fields.Address,
                fields.Contact, fields.Image, fields.ManagingControlPlaneId, fields.Attributes, draft.DeviceIds,
                draft.ServiceIds, fields.Location, now, createdBy, now, createdBy, _nextSiteSequence++);
            IndexSite(site);
            return new(ManageOutcome.Done, View(site));
        }
    }

    /// <summary>PUT: replaces every SiteUpdate field; tenant, devices and services stay.</summary>
    public ManageResult<SiteView> ReplaceSite(Guid id, SiteDraft fields, string modifiedBy, DateTime now)
    {
        lock (_gate)
        {
            if (!_sites.TryGetValue(id, out var old))
            {
                return ManageOutcome.NotFound;
            }

            if (NameHolder(_siteNames, old.TenantId, fields.Name) is { } holder && holder != id)
            {
                return ManageOutcome.SiteNameTaken;
            }

            if (CheckParent(old.TenantId, fields.ParentId, id) is { } parentProblem)
            {
                return parentProblem;
            }

            var updated = old with
            {
                Name = fields.Name,
                ParentId = fields.ParentId,
                Description = fields.Description,
                Type = fields.Type,
                Address = fields.Address,
                Contact = fields.Contact,
                Location = fields.Location,
                Image = fields.Image,
                ManagingControlPlaneId = fields.ManagingControlPlaneId,
                Attributes = fields.Attributes,
                ModifiedOn = Later(now, old.ModifiedOn),
                ModifiedBy = modifiedBy,
            };
            _siteNames[old.TenantId].Remove(old.Name);
            _siteNames[old.TenantId][updated.Name] = id;
            _sites[id] = updated;
            return new(ManageOutcome.Done, View(updated));
        }
    }

    /// <summary>Deletes a site; its devices stay, and its child sites become top-level.</summary>
    public ManageOutcome DeleteSite(Guid id)
    {
        lock (_gate)
        {
            if (!_sites.Remove(id, out var site))
            {
                return ManageOutcome.NotFound;
            }

            _siteNames[site.TenantId].Remove(site.Name);
            foreach (var child in _sites.Values.Where(s => s.ParentId == id).ToList())
            {
                _sites[child.Id] = child with { ParentId = null };
            }

            return ManageOutcome.Done;
        }
    }

    /// <summary>Adds devices to a site, all or nothing: any unknown or foreign device leaves the site as it was.</summary>
    public ManageResult<SiteView> AddDevices(Guid id, IReadOnlyList<string> deviceIds, string modifiedBy, DateTime now) =>
        ChangeSite(id, modifiedBy, now, site => CheckDevices(site.TenantId, deviceIds) is { } problem
            ? problem
            : new(ManageOutcome.Done, site with { DeviceIds = Union(site.DeviceIds, deviceIds) }));

    /// <summary>Removes devices from a site, all or nothing: any unknown device leaves the site as it was.</summary>
    public ManageResult<SiteView> RemoveDevices(Guid id, IReadOnlyList<string> deviceIds, string modifiedBy, DateTime now) =>
        ChangeSite(id, modifiedBy, now, site => deviceIds.FirstOrDefault(d => !_devices.ContainsKey(d)) is { } unknown
            ? new ManageResult<Site>(ManageOutcome.UnknownDevice, null, unknown)
            : new(ManageOutcome.Done, site with { DeviceIds = Except(site.DeviceIds, deviceIds) }));

    public ManageResult<SiteView> AddServices(Guid id, IReadOnlyList<string> serviceIds, string modifiedBy, DateTime now) =>
        ChangeSite(id, modifiedBy, now, site => new(ManageOutcome.Done, site with { ServiceIds = Union(site.ServiceIds, serviceIds) }));

    public ManageResult<SiteView> RemoveServices(Guid id, IReadOnlyList<string> serviceIds, string modifiedBy, DateTime now) =>
        ChangeSite(id, modifiedBy, now, site => new(ManageOutcome.Done, site with { ServiceIds = Except(site.ServiceIds, serviceIds) }));

    public (int Sites, int Devices) Counts()
    {
        lock (_gate)
        {
            return (_sites.Count, _devices.Count);
        }
    }

    private ManageResult<Device> ChangeDevice(string id, Func<Device, Device> change)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var old))
            {
                return ManageOutcome.NotFound;
            }

            var updated = change(old);
            if (Conflict(updated.TenantId, updated.Name, updated.SerialKey, id) is { } conflict)
            {
                return conflict;
            }

            UnindexDevice(old);
            IndexDevice(updated);
            return new(ManageOutcome.Done, updated);
        }
    }

    private ManageResult<SiteView> ChangeSite(Guid id, string modifiedBy, DateTime now, Func<Site, ManageResult<Site>> change)
    {
        lock (_gate)
        {
            if (!_sites.TryGetValue(id, out var old))
            {
                return ManageOutcome.NotFound;
            }

            var result = change(old);
            if (result.Outcome != ManageOutcome.Done)
            {
                return new(result.Outcome, null, result.Detail);
            }

            var updated = result.Value! with { ModifiedOn = Later(now, old.ModifiedOn), ModifiedBy = modifiedBy };
            _sites[id] = updated;
            return new(ManageOutcome.Done, View(updated));
        }
    }

    private ManageResult<Device>? Conflict(Guid tenantId, string name, string? serialKey, string? self)
    {
        if (NameHolder(_deviceNames, tenantId, name) is { } holder && holder != self)
        {
            return new(ManageOutcome.DeviceNameTaken, null, holder);
        }

        if (serialKey is { Length: > 0 } && _serialKeys.TryGetValue(serialKey, out var owner) && owner != self)
        {
            return new(ManageOutcome.SerialKeyTaken, null, owner);
        }

        return null;
    }

    private ManageResult<SiteView>? CheckParent(Guid tenantId, Guid? parentId, Guid? self)
    {
        if (parentId is not { } parent)
        {
            return null;
        }

        if (!_sites.TryGetValue(parent, out var parentSite))
        {
            return new(ManageOutcome.ParentNotFound, null, parent.ToString());
        }

        if (parentSite.TenantId != tenantId)
        {
            return new(ManageOutcome.ParentInOtherTenant, null, parent.ToString());
        }

        for (Guid? at = parent; at is { } step; at = _sites[step].ParentId)
        {
            if (step == self)
            {
                return new(ManageOutcome.ParentLoop, null, parent.ToString());
            }
        }

        return null;
    }

    private ManageResult<Site>? CheckDevices(Guid tenantId, IReadOnlyList<string> deviceIds)
    {
        foreach (var deviceId in deviceIds)
        {
            if (!_devices.TryGetValue(deviceId, out var device))
            {
                return new(ManageOutcome.UnknownDevice, null, deviceId);
            }

            if (device.TenantId != tenantId)
            {
                return new(ManageOutcome.DeviceInOtherTenant, null, deviceId);
            }
        }

        return null;
    }

    private SiteView View(Site site) => new(site, site.DeviceIds
        .Select(id => _devices.TryGetValue(id, out var d) ? new DeviceSummary(id, d.ServiceInstanceId ?? "Unknown", d.ServiceType) : null)
        .OfType<DeviceSummary>()
        .ToList());

    private void IndexDevice(Device device)
    {
        _devices[device.Id] = device;
        NamesOf(_deviceNames, device.TenantId)[device.Name] = device.Id;
        if (device.SerialKey is { Length: > 0 } serialKey)
        {
            _serialKeys[serialKey] = device.Id;
        }
    }

    private void UnindexDevice(Device device)
    {
        _devices.Remove(device.Id);
        NamesOf(_deviceNames, device.TenantId).Remove(device.Name);
        if (device.SerialKey is { Length: > 0 } serialKey)
        {
            _serialKeys.Remove(serialKey);
        }
    }

    private void IndexSite(Site site)
    {
        _sites[site.Id] = site;
        NamesOf(_siteNames, site.TenantId)[site.Name] = site.Id;
    }

    private static Dictionary<string, T> NamesOf<T>(Dictionary<Guid, Dictionary<string, T>> names, Guid tenantId)
    {
        if (!names.TryGetValue(tenantId, out var ofTenant))
        {
            ofTenant = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
            names[tenantId] = ofTenant;
        }

        return ofTenant;
    }

    private static T? NameHolder<T>(Dictionary<Guid, Dictionary<string, T>> names, Guid tenantId, string name)
        where T : struct =>
        names.TryGetValue(tenantId, out var ofTenant) && ofTenant.TryGetValue(name, out var holder) ? holder : null;

    private static string? NameHolder(Dictionary<Guid, Dictionary<string, string>> names, Guid tenantId, string name) =>
        names.TryGetValue(tenantId, out var ofTenant) ? ofTenant.GetValueOrDefault(name) : null;

    private static List<string> Union(IReadOnlyList<string> current, IReadOnlyList<string> added) =>
        [.. current, .. added.Where(a => !current.Contains(a, StringComparer.Ordinal))];

    private static List<string> Except(IReadOnlyList<string> current, IReadOnlyList<string> removed) =>
        current.Where(c => !removed.Contains(c, StringComparer.Ordinal)).ToList();

    private static DateTime Later(DateTime now, DateTime previous) => now > previous ? now : previous;
}
