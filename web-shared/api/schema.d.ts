export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in; returns a bearer token and sets the session cookie
         * @description Access: public.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the current session
         * @description Access: any logged-in user.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The logged-in user
         * @description Access: any logged-in user.
         */
        get: operations["getCurrentUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Access: roles: admin.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user
         * @description Access: roles: admin.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user (role, scope, active); needs a reason
         * @description Access: roles: admin. Requires a change reason.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a user's password (ends their sessions)
         * @description Access: roles: admin. Requires a change reason.
         */
        post: operations["setUserPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lift a login lockout
         * @description Access: roles: admin. Requires a change reason.
         */
        post: operations["unlockUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query the audit trail (newest first)
         * @description Access: roles: admin, qa.
         */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes/{boxId}/mqtt-credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue or rotate a box's MQTT credentials (the password is shown once)
         * @description Access: roles: admin. Requires a change reason.
         */
        post: operations["issueBoxMqttCredentials"];
        /**
         * Revoke a box's MQTT credentials
         * @description Access: roles: admin. Requires a change reason.
         */
        delete: operations["revokeBoxMqttCredentials"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/nearest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Snap a point to the closest routable road
         * @description Access: any logged-in user.
         */
        get: operations["snapToRoad"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/route": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fastest route through 2–25 points (GeoJSON geometry, seconds, metres)
         * @description Access: any logged-in user.
         */
        post: operations["computeRoute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/table": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Duration/distance matrix; unroutable cells are null with a reason
         * @description Access: any logged-in user.
         */
        post: operations["computeTravelMatrix"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/network": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The loaded road network: version, size, bbox
         * @description Access: any logged-in user.
         */
        get: operations["getRoadNetwork"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/service-areas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Service areas as a GeoJSON FeatureCollection (map layer)
         * @description Access: any logged-in user.
         */
        get: operations["listServiceAreas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/service-areas/serving": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Facilities whose service area covers a point, nearest first
         * @description Access: any logged-in user.
         */
        get: operations["listFacilitiesServingPoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/service-areas/{facilityId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a facility service area: radius (m) or drive-time isochrone (min)
         * @description Access: roles: admin.
         */
        put: operations["setServiceArea"];
        post?: never;
        /**
         * Remove a facility service area
         * @description Access: roles: admin.
         */
        delete: operations["deleteServiceArea"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/basemap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the console draws under its map: our road tiles (offline) or an external provider (MAP_TILE_*)
         * @description Access: any logged-in user.
         */
        get: operations["getBasemap"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/road-tiles/{z}/{x}/{y}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roads (by road class) and waterways of one web-mercator tile in tile pixels (the offline base map)
         * @description Access: any logged-in user.
         */
        get: operations["getRoadTile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List facilities
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["listFacilities"];
        put?: never;
        /**
         * Create a facility with its service area
         * @description Access: roles: admin.
         */
        post: operations["createFacility"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One facility
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["getFacility"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stock lots of a facility (FEFO order)
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["listFacilityStock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/lots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive stock (a lot)
         * @description Access: roles: admin, partner.
         */
        post: operations["receiveLot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/skus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search SKUs
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["searchSkus"];
        put?: never;
        /**
         * Create a SKU
         * @description Access: roles: admin.
         */
        post: operations["createSku"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/riders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List riders
         * @description Access: roles: admin, dispatcher.
         */
        get: operations["listRiders"];
        put?: never;
        /**
         * Create a rider
         * @description Access: roles: admin.
         */
        post: operations["createRider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/riders/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A rider goes online or offline (re-plans their facility)
         * @description Access: roles: admin, dispatcher, rider.
         */
        post: operations["setRiderStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List cold boxes with calibration state
         * @description Access: roles: admin, dispatcher, qa.
         */
        get: operations["listBoxes"];
        put?: never;
        /**
         * Register a cold box; without modelId it gets the default device model, and its calibrationDue is kept as a declared certificate until one is uploaded
         * @description Access: roles: admin.
         */
        post: operations["registerBox"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One box
         * @description Access: roles: admin, dispatcher, qa, rider.
         */
        get: operations["getBox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes/{id}/pairing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pair a box with a rider (null unpairs); refused for a box whose model is not GSP-accurate or whose calibration certificate is missing or overdue
         * @description Access: roles: admin, dispatcher.
         */
        post: operations["pairBox"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes/{id}/custody": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What this box carried, when
         * @description Access: roles: admin, dispatcher, qa.
         */
        get: operations["getBoxCustody"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/boxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cold boxes of one facility with calibration state (partners: their own store)
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["listFacilityBoxes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/riders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Riders based at one facility (partners: their own store)
         * @description Access: roles: admin, dispatcher, partner.
         */
        get: operations["listFacilityRiders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders (newest first; filter by facility, status, tier, time)
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["listOrders"];
        put?: never;
        /**
         * Place an order (sourcing + reservation); honours Idempotency-Key
         * @description Access: roles: admin, dispatcher, partner. Honours the Idempotency-Key header.
         */
        post: operations["placeOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/map/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open orders for the live map: delivery point, due time, cold holdover (no personal data; soonest due first, at most 5,000)
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["listMapOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One order (personal data masked unless admin or the active rider)
         * @description Access: any logged-in user.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Order history
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["listOrderEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an order and release its stock
         * @description Access: roles: admin, dispatcher, partner. Requires a change reason.
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Payment confirmed: the reservation becomes firm
         * @description Access: roles: admin, dispatcher.
         */
        post: operations["confirmOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/rx-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A pharmacist verifies or rejects the prescription
         * @description Access: roles: admin, qa, partner.
         */
        post: operations["reviewPrescription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk import orders from a CSV export (per-row report)
         * @description Access: roles: admin, dispatcher.
         */
        post: operations["importOrdersCsv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Which SKUs can be delivered to a point, from which tier and within which promise (sourcing without reserving; no stock counts; rate-limited per address)
         * @description Access: public.
         */
        get: operations["getAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/custody": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Custody history of a shipment
         * @description Access: roles: admin, dispatcher, qa.
         */
        get: operations["getShipmentCustody"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pin a shipment to a rider (the optimizer respects it); null unpins
         * @description Access: roles: admin, dispatcher.
         */
        post: operations["pinShipment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/replace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the same items again from the nearest facility with stock, for a shipment whose delivery failed or that QA quarantined (reserved, linked, planned)
         * @description Access: roles: admin, dispatcher. Honours the Idempotency-Key header.
         */
        post: operations["replaceShipment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current route plan of a facility (riders, ordered stops, ETAs, unassigned with reasons)
         * @description Access: roles: admin, dispatcher, partner.
         */
        get: operations["getFacilityPlan"];
        put?: never;
        /**
         * Re-plan a facility now (synchronous)
         * @description Access: roles: admin, dispatcher.
         */
        post: operations["replanFacility"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/riders/me/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The logged-in rider's current route (same answer as /riders/{id}/plan)
         * @description Access: roles: rider.
         */
        get: operations["getOwnRiderPlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/riders/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A rider's current route (the rider app shows stops without drug names)
         * @description Access: roles: admin, dispatcher, rider.
         */
        get: operations["getRiderPlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/riders/{id}/position": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The rider app reports a position (WGS-84, or GCJ-02/BD-09 with crs)
         * @description Access: roles: rider, admin.
         */
        post: operations["reportRiderPosition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/plan/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What an edit of the current plan would do: the affected riders' stops with new ETAs and every rule it breaks (changes nothing)
         * @description Access: roles: admin, dispatcher, partner.
         */
        post: operations["previewPlanEdit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/plan/edits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply an edit to the plan it was previewed on (409 plan_changed when a re-plan came first); pins what moved
         * @description Access: roles: admin, dispatcher, partner. Requires a change reason.
         */
        post: operations["applyPlanEdit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/plan/geometry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current plan's routes on the roads, one GeoJSON line per rider (map layer)
         * @description Access: roles: admin, dispatcher, partner.
         */
        get: operations["getPlanGeometry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/device-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Device models: probe accuracy per range, sample interval, buffer, holdover table, and whether they meet GSP accuracy
         * @description Access: roles: admin, dispatcher, qa.
         */
        get: operations["listDeviceModels"];
        put?: never;
        /**
         * Add a device model (ranges from below to above, accuracy above 0 °C, holdover rows in ascending ambient temperature)
         * @description Access: roles: admin.
         */
        post: operations["createDeviceModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/device-models/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One device model
         * @description Access: roles: admin, dispatcher, qa.
         */
        get: operations["getDeviceModel"];
        /**
         * Replace a device model's data; its boxes are judged by it from their next pairing
         * @description Access: roles: admin.
         */
        put: operations["updateDeviceModel"];
        post?: never;
        /**
         * Remove a device model no box is of
         * @description Access: roles: admin.
         */
        delete: operations["deleteDeviceModel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes/{id}/model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the device model of a box
         * @description Access: roles: admin.
         */
        put: operations["setBoxModel"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes/{id}/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A box's calibration certificates, the one that sets its due date first
         * @description Access: roles: admin, dispatcher, qa.
         */
        get: operations["listBoxCertificates"];
        put?: never;
        /**
         * Upload a calibration certificate (PDF, PNG or JPEG, at most 5 MB; the details in the query); its due date becomes the box's
         * @description Access: roles: admin.
         */
        post: operations["uploadBoxCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes/{id}/certificates/{certId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A certificate's document as uploaded (checked against its SHA-256 first)
         * @description Access: roles: admin, dispatcher, qa.
         */
        get: operations["getBoxCertificateDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/weather": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The hourly ambient forecast at a facility, its severe-weather warning and the running "no instant cold delivery" pause
         * @description Access: roles: admin, dispatcher, qa.
         */
        get: operations["getFacilityWeather"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/cold-pauses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A facility's "no instant cold delivery" pauses: those not ended, then the 20 latest that have
         * @description Access: roles: admin, dispatcher, qa.
         */
        get: operations["listColdPauses"];
        put?: never;
        /**
         * Pause instant cold delivery from a facility for a period, with a reason (audited): sourcing then refuses instant cold lines there with `cold_paused`
         * @description Access: roles: admin, dispatcher.
         */
        post: operations["createColdPause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cold-pauses/{id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a "no instant cold delivery" pause now (or cancel one not yet started), with a reason (audited)
         * @description Access: roles: admin, dispatcher.
         */
        post: operations["liftColdPause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/facilities/{id}/roster": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Demand forecast per hour for a day and the recommended rider roster that meets an on-time target
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["getDemandRoster"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes/{id}/lifecycle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A box's lifecycle state (idle, pre_cooling, ready, packed, sealed, in_use, returned, cleaning), its pre-cool readiness from its readings, and every step with who and when
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["getBoxLifecycle"];
        put?: never;
        /**
         * A staff step on a box: start_precool, stop_precool, pack (with the packing checklist), seal (with the one-time seal number; the logger must be in range for the pre-cool minutes), return, clean, cleaned
         * @description Access: roles: admin, dispatcher, partner.
         */
        post: operations["stepBoxLifecycle"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/alarms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List alarms (newest first); riders see their boxes, partners their store
         * @description Access: any logged-in user.
         */
        get: operations["listAlarms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/alarms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One alarm, with the temperature limits its box is judged by (for the curve)
         * @description Access: any logged-in user.
         */
        get: operations["getAlarm"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/alarms/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an active alarm (stops escalation). Riders: alarms on their own boxes only
         * @description Access: roles: admin, dispatcher, qa, rider.
         */
        post: operations["acknowledgeAlarm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/alarms/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve an alarm with a note (QA, dispatcher, admin)
         * @description Access: roles: admin, dispatcher, qa.
         */
        post: operations["resolveAlarm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readings by box, shipment and/or time range, oldest first (device time). Readings cannot be changed, deleted or imported.
         * @description Access: roles: qa, admin, dispatcher.
         */
        get: operations["listReadings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/boxes/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Latest state per box (riders: their boxes; partners: their store's)
         * @description Access: any logged-in user.
         */
        get: operations["listLatestBoxStates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Refused telemetry messages with their reason code (admin)
         * @description Access: roles: admin.
         */
        get: operations["listDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register an alarm recipient (a duty phone / mailbox)
         * @description Access: roles: admin, qa. Requires a change reason.
         */
        post: operations["createAlarmContact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/alarm-profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stored alarm-profile overrides
         * @description Access: roles: qa, admin, dispatcher.
         */
        get: operations["listAlarmProfiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/alarm-profiles/{facilityId}/{productClass}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the alarm profile override of a facility ('*' = every facility) and product class at once (admin); QA changes go through POST /qa/change-requests and another QA user's signed approval. Cold profiles need ≥3 SMS recipients (GSP)
         * @description Access: roles: admin. Requires a change reason.
         */
        put: operations["setAlarmProfile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Real-time feed (text/event-stream): alarms and latest box state, filtered by role
         * @description Access: any logged-in user.
         */
        get: operations["streamFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qa/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The QA queue: quarantined shipments' cases, newest first
         * @description Access: roles: qa, admin.
         */
        get: operations["listQaCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qa/quarantine/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One QA case: its reasons, steps and signatures
         * @description Access: roles: qa, admin.
         */
        get: operations["getQaCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qa/quarantine/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge a new case (open → acknowledged)
         * @description Access: roles: qa.
         */
        post: operations["acknowledgeQaCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qa/quarantine/{id}/investigate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the investigation: root cause and CAPA (acknowledged → investigated)
         * @description Access: roles: qa.
         */
        post: operations["investigateQaCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qa/quarantine/{id}/dispose": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign the disposition (release, or reject: destroy / return to supplier). Re-authenticates; a critical case needs two different QA signers
         * @description Access: roles: qa.
         */
        post: operations["disposeQaCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qa/quarantine/{id}/signatures/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check the case's signatures against the shipment's record as it is now
         * @description Access: roles: qa, admin.
         */
        get: operations["verifyQaSignatures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qa/change-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Change requests with the value each replaced
         * @description Access: roles: qa, admin.
         */
        get: operations["listChangeRequests"];
        put?: never;
        /**
         * Propose an alarm-profile change (in force once another QA user approves it with an e-signature)
         * @description Access: roles: qa. Requires a change reason.
         */
        post: operations["proposeChangeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qa/change-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a change request with an e-signature (another QA user than the proposer); it comes into force
         * @description Access: roles: qa.
         */
        post: operations["approveChangeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qa/audit-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit-trail review report of a period: every row, their digest and QA's sign-offs
         * @description Access: roles: qa, admin.
         */
        get: operations["getAuditReview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qa/audit-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign off the audit-trail review of an ended period (e-signature, meaning "reviewed")
         * @description Access: roles: qa.
         */
        post: operations["signOffAuditReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/temperature-record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a shipment's temperature record (entries, seal, addenda, Merkle proof, anchor, public key; empty before the first reading in custody); verify offline with `npm run cli -- verify-record`
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["exportTemperatureRecord"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/temperature-record/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify a shipment's temperature record: recompute the hash chain and the Merkle path, naming the first broken entry
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["verifyTemperatureRecord"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/temperature-summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get live temperature figures of a shipment: time out of range, stability budget left, MKT, min/max, largest gap
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["getTemperatureSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/temperature-records/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export every sealed temperature record of a facility whose shipment ended in a period (at most 366 days) as one tar archive: records/<shipment>.json, anchors/<id>.json, public-key.pem and a signed manifest.json (SHA-256 and size of every file); verify offline with `npm run cli -- verify-record <archive>`
         * @description Access: roles: admin, qa.
         */
        get: operations["exportTemperatureRecordArchive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A step in the delivery lifecycle (pickup, depart, deliver with the code, fail, return, handover, store pickup); replayable with clientEventId
         * @description Access: roles: admin, dispatcher, rider, partner.
         */
        post: operations["recordShipmentEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/lifecycle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A shipment's state, every lifecycle event (who, when by phone and by server, where, why) and its custody legs
         * @description Access: roles: admin, dispatcher, qa, rider, partner.
         */
        get: operations["getShipmentLifecycle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/pod/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a door photo or a signature image (JPEG, PNG or WebP, at most 2 MB; Exif removed); name its id in deliver, fail or collect. The same bytes again give the same file
         * @description Access: roles: admin, dispatcher, rider, partner.
         */
        post: operations["uploadProofOfDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/pod": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The door photos and signatures recorded for a shipment, with their SHA-256
         * @description Access: roles: admin, dispatcher, qa, rider, partner.
         */
        get: operations["listProofOfDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/pod/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One door photo or signature image, as stored (checked against its SHA-256 first)
         * @description Access: roles: admin, dispatcher, qa, rider, partner.
         */
        get: operations["getProofOfDeliveryFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/handover-offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Offer a carried shipment to another rider; custody moves when that rider accepts (hand_over with the label and box they scanned). Replaces an open offer
         * @description Access: roles: admin, dispatcher, rider.
         */
        post: operations["offerHandover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/riders/me/handover-offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The logged-in rider's handover offers of the last day: made to them (to accept) and made by them (accepted or still open)
         * @description Access: roles: rider.
         */
        get: operations["listOwnHandoverOffers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/delivery-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new delivery code (after the old one locked); the customer sees it on their tracking page
         * @description Access: roles: admin, dispatcher. Requires a change reason.
         */
        post: operations["reissueDeliveryCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/riders/me/positions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The rider app sends a batch of GPS fixes (1–500, device time each); flagged fixes are stored with their flag and never move the position or ETAs
         * @description Access: roles: rider, admin.
         */
        post: operations["recordRiderPositions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/track/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the customer tracking page shows, as JSON (no personal data, no drug names)
         * @description Access: public.
         */
        get: operations["getPublicTracking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/label": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Printable bag label (HTML, A6) or its QR code alone (format=svg|png): tracking link, masked recipient, no drug names
         * @description Access: roles: admin, dispatcher, partner.
         */
        get: operations["getShipmentLabel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/temperature-report.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A shipment's temperature report as PDF: limits, boxes and calibration, custody legs, the curve, min/max/MKT, time out of range, stability budget, alarms with their acknowledgements, gaps, content hash
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["getTemperatureReportPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/temperature-report.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The same report as CSV: header and figures as # lines, then every reading (UTC and local time, box, probes, door, buffered, in range)
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["getTemperatureReportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A day's figures: 30-minute rate, order-to-door minutes, on time, fulfilment, intact, excursions per 1,000 cold shipments, alarm acknowledgement times; per facility and per hour
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["getKpis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kpis.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The same figures as CSV (a total row, one row per facility, then one row per hour)
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["getKpisCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lanes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lane quality over a period (at most 92 days) by facility, area, hour, rider or box: excursions per 1,000 cold shipments, time out of range, holdover margin at delivery, alarms and acknowledgement times, late deliveries; worst first with what drove each lane
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["getLanes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lanes.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The same lanes as CSV, one row per lane, worst first
         * @description Access: roles: admin, dispatcher, qa, partner.
         */
        get: operations["getLanesCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/demo/notifications-sent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The demo's notifications sent (SMS and e-mail caught by the local sinks), newest first; empty when the stack has no sink
         * @description Access: roles: admin.
         */
        get: operations["listNotificationsSent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        User: {
            id: string;
            username: string;
            displayName: string;
            /** @enum {string} */
            role: "admin" | "dispatcher" | "qa" | "rider" | "partner";
            facilityId: string | null;
            riderId: string | null;
            active: boolean;
            createdAt: string;
        };
        /**
         * @example {
         *       "error": {
         *         "code": "validation_failed",
         *         "message": "Invalid body: body.note — Too small: expected string to have >=3 characters",
         *         "details": {
         *           "issues": [
         *             {
         *               "path": "body.note",
         *               "code": "too_small",
         *               "message": "Too small: expected string to have >=3 characters"
         *             }
         *           ]
         *         }
         *       }
         *     }
         */
        Error: {
            error: {
                /** @description Stable snake_case code a client can switch on */
                code: string;
                /** @description For people; may change */
                message: string;
                details?: unknown;
            };
        };
        AuditEntry: {
            id: number;
            at: string;
            actorId: string | null;
            actorRole: string | null;
            action: string;
            entityType: string;
            entityId: string | null;
            oldValue?: unknown;
            newValue?: unknown;
            reason: string | null;
            requestId: string | null;
        };
        SnappedPoint: {
            /** @description Closest point on a routable road */
            point: {
                lat: number;
                lng: number;
            };
            /** @description Straight-line distance from the input to point */
            distanceM: number;
            name?: string;
        };
        Route: {
            geometry: {
                /** @enum {string} */
                type: "LineString";
                coordinates: [
                    number,
                    number
                ][];
            };
            durationS: number;
            distanceM: number;
            /** @description One per consecutive pair of points */
            legs: {
                durationS: number;
                distanceM: number;
            }[];
            /** @description Seconds from the start at each coordinate, when the engine knows per-road speeds */
            coordinateTimesS?: number[];
        };
        TravelMatrix: {
            /** @description durations[i][j] seconds from sources[i] to destinations[j]; null when unroutable */
            durations: (number | null)[][];
            distances: (number | null)[][];
            unroutable: {
                /** @enum {string} */
                scope: "source" | "destination" | "pair";
                sourceIndex?: number;
                destinationIndex?: number;
                /** @enum {string} */
                reason: "snap_too_far" | "no_route";
            }[];
        };
        ServiceAreaCollection: {
            /** @enum {string} */
            type: "FeatureCollection";
            features: {
                /** @enum {string} */
                type: "Feature";
                id: string;
                /** @description GeoJSON, WGS-84 */
                geometry: {
                    /** @enum {string} */
                    type: "Polygon" | "MultiPolygon";
                    coordinates: unknown[];
                };
                properties: {
                    facilityId: string;
                    /** @enum {string} */
                    kind: "radius" | "isochrone";
                    radiusM: number | null;
                    driveMinutes: number | null;
                    /** @description [lng, lat], WGS-84 */
                    center: [
                        number,
                        number
                    ];
                    networkVersion: number | null;
                    updatedAt: string;
                };
            }[];
        };
        ServiceArea: {
            facilityId: string;
            /** @enum {string} */
            kind: "radius" | "isochrone";
            radiusM: number | null;
            driveMinutes: number | null;
            center: {
                lat: number;
                lng: number;
            };
            /** @description Geodesic area, m² */
            areaM2: number;
            networkVersion: number | null;
        };
        Facility: {
            id: string;
            name: string;
            /** @enum {string} */
            tier: "central" | "forward" | "store";
            location: {
                lat: number;
                lng: number;
            };
            address: string;
            timeZone: string;
            openingHours: {
                /** @default Asia/Shanghai */
                timeZone: string;
                /** @default false */
                alwaysOpen: boolean;
                /** @default {} */
                weekly: {
                    /** @default [] */
                    mon: {
                        open: string;
                        close: string;
                    }[];
                    /** @default [] */
                    tue: {
                        open: string;
                        close: string;
                    }[];
                    /** @default [] */
                    wed: {
                        open: string;
                        close: string;
                    }[];
                    /** @default [] */
                    thu: {
                        open: string;
                        close: string;
                    }[];
                    /** @default [] */
                    fri: {
                        open: string;
                        close: string;
                    }[];
                    /** @default [] */
                    sat: {
                        open: string;
                        close: string;
                    }[];
                    /** @default [] */
                    sun: {
                        open: string;
                        close: string;
                    }[];
                };
                /** @default [] */
                exceptions: ({
                    /** Format: date */
                    date: string;
                    /** @enum {boolean} */
                    closed: true;
                    note?: string;
                } | {
                    /** Format: date */
                    date: string;
                    intervals: {
                        open: string;
                        close: string;
                    }[];
                    note?: string;
                })[];
            };
            coldCapabilities: ("ambient" | "chilled" | "frozen")[];
            riderCap: number;
            handlingSeconds: number;
            active: boolean;
        };
        StockLot: {
            id: string;
            skuId: string;
            lotNumber: string;
            /** Format: date */
            expiry: string;
            onHand: number;
            reserved: number;
            /** @description onHand − reserved */
            available: number;
        };
        Lot: {
            id: string;
            skuId: string;
            lotNumber: string;
            /** Format: date */
            expiry: string;
            onHand: number;
            reserved: number;
        };
        Sku: {
            id: string;
            name: string;
            genericName: string;
            /** @enum {string} */
            temperatureClass: "ambient" | "chilled" | "frozen";
            rx: boolean;
            stabilityProfile: string;
            stabilityBudgetMin: number | null;
            volumeUnits: number;
        };
        RiderWithPosition: {
            id: string;
            name: string;
            homeFacilityId: string;
            /** @enum {string} */
            vehicleType: "e_bike" | "scooter" | "car" | "walker";
            speedFactor: number;
            shifts: {
                /** @enum {string} */
                day: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
                start: string;
                end: string;
            }[];
            /** @enum {string} */
            status: "online" | "offline";
            active: boolean;
            /** @description Last reported position (WGS-84) */
            lastPosition: {
                lat: number;
                lng: number;
                /** @description ISO 8601 instant (UTC) */
                at: string;
            } | null;
        };
        Rider: {
            id: string;
            name: string;
            homeFacilityId: string;
            /** @enum {string} */
            vehicleType: "e_bike" | "scooter" | "car" | "walker";
            speedFactor: number;
            shifts: {
                /** @enum {string} */
                day: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
                start: string;
                end: string;
            }[];
            /** @enum {string} */
            status: "online" | "offline";
            active: boolean;
        };
        BoxListItem: {
            id: string;
            facilityId: string;
            /** @enum {string} */
            kind: "passive" | "active";
            status: string;
            riderId: string | null;
            batteryPct: number | null;
            /** Format: date */
            calibrationDue: string;
            calibration: {
                /** @enum {string} */
                state: "ok" | "due_soon" | "overdue";
                daysLeft: number;
            };
            model: {
                id: string;
                name: string;
                gspAccurate: boolean;
            };
            /**
             * @description The latest certificate: documented (its file on record), declared (a due date typed in at registration), or none
             * @enum {string|null}
             */
            certificate: "declared" | "documented" | null;
            /** @description The box's lifecycle state as last recorded (GET /boxes/{id}/lifecycle brings it up to the box's readings) and the seal on it now */
            lifecycle: {
                /** @enum {string} */
                state: "idle" | "pre_cooling" | "ready" | "packed" | "sealed" | "in_use" | "returned" | "cleaning";
                sealNumber: string | null;
            };
        };
        Box: {
            id: string;
            facilityId: string;
            /** @enum {string} */
            kind: "passive" | "active";
            holdoverMinutes: {
                summer: number;
                winter: number;
            };
            modelId: string;
            /**
             * Format: date
             * @description Due date of the latest calibration certificate
             */
            calibrationDue: string;
            batteryPct: number | null;
            sampleIntervalS: number;
            probes: number;
            riderId: string | null;
            /** @description ISO 8601 instant (UTC) */
            pairedAt: string | null;
            status: string;
            compartments: {
                /** @enum {string} */
                temperatureClass: "ambient" | "chilled" | "frozen";
                capacityUnits: number;
            }[];
        };
        BoxWithCalibration: {
            id: string;
            facilityId: string;
            /** @enum {string} */
            kind: "passive" | "active";
            holdoverMinutes: {
                summer: number;
                winter: number;
            };
            modelId: string;
            /**
             * Format: date
             * @description Due date of the latest calibration certificate
             */
            calibrationDue: string;
            batteryPct: number | null;
            sampleIntervalS: number;
            probes: number;
            riderId: string | null;
            /** @description ISO 8601 instant (UTC) */
            pairedAt: string | null;
            status: string;
            compartments: {
                /** @enum {string} */
                temperatureClass: "ambient" | "chilled" | "frozen";
                capacityUnits: number;
            }[];
            calibration: {
                /** @enum {string} */
                state: "ok" | "due_soon" | "overdue";
                daysLeft: number;
            };
        };
        CustodySpan: {
            boxId: string;
            shipmentId: string;
            riderId: string | null;
            holderFacilityId: string | null;
            temperatureClass: string;
            units: number;
            /** @description ISO 8601 instant (UTC) */
            from: string;
            /** @description ISO 8601 instant (UTC) */
            to: string | null;
        };
        Order: {
            id: string;
            /** @description The customer tracking link token */
            token: string;
            channel: string;
            externalRef: string | null;
            /** @enum {string} */
            status: "awaiting_rx" | "awaiting_confirmation" | "confirmed" | "in_delivery" | "delivered" | "cancelled";
            deliveryMode: string;
            window: {
                /** @description ISO 8601 instant (UTC) */
                start: string | null;
                /** @description ISO 8601 instant (UTC) */
                end: string;
            };
            customer: {
                name: string;
                phone: string;
                address: string;
                location: {
                    lat: number;
                    lng: number;
                } | null;
                /** @description true: name, phone and address are masked (张*, 138******78) for this viewer */
                masked: boolean;
                /** @description true: the personal data was erased after the complaint window (PRIVACY_PERSONAL_DATA_DAYS); name, phone and address are empty */
                purged: boolean;
            };
            rx: {
                ref: string | null;
                status: string;
                reviewedBy: string | null;
                /** @description ISO 8601 instant (UTC) */
                reviewedAt: string | null;
                note: string | null;
            };
            items: {
                line: number;
                skuId: string;
                /** @description the SKU's name; null for riders */
                name: string | null;
                quantity: number;
            }[];
            shipments: {
                id: string;
                facilityId: string;
                status: string;
                riderId: string | null;
                /** @description ISO 8601 instant (UTC) */
                eta: string | null;
                /** @description ISO 8601 instant (UTC) */
                dueAt: string;
                coldClasses: string[];
                /** @description The shipment this one replaces (a failed or quarantined one), or null */
                replaces: string | null;
                /** @description The replacement sent for this shipment, or null */
                replacedBy: string | null;
            }[];
            /** @description The sourcing decision: every candidate facility and why it was or was not chosen */
            decision?: unknown;
            /** @description ISO 8601 instant (UTC) */
            reservationExpiresAt: string | null;
            cancelReason: string | null;
            /** @description ISO 8601 instant (UTC) */
            createdAt: string;
        };
        /** @description Every object is strict: unknown fields are refused (data minimisation). Issues come back as 400 validation_failed with per-field codes (ORDER_ISSUE_CODES). */
        OrderRequest: {
            /** @enum {string} */
            channel: "app" | "mini_program" | "third_party" | "store_pos";
            externalRef?: string;
            items: {
                skuId: string;
                quantity: number;
            }[];
            customer: {
                name: string;
                phone: string;
                address: string;
                location: {
                    lat: number;
                    lng: number;
                    /**
                     * @default wgs84
                     * @enum {string}
                     */
                    crs: "wgs84" | "gcj02" | "bd09";
                };
                /**
                 * @description The language of the notices the customer gets (SMS, webhook); zh-CN when absent
                 * @enum {string}
                 */
                language?: "zh-CN" | "en";
            };
            delivery: {
                /** @enum {string} */
                mode: "instant";
                /** @default 30 */
                promiseMinutes: number;
            } | {
                /** @enum {string} */
                mode: "scheduled";
                window: {
                    /** Format: date-time */
                    start: string;
                    /** Format: date-time */
                    end: string;
                };
            } | {
                /** @enum {string} */
                mode: "recurring";
                firstWindow: {
                    /** Format: date-time */
                    start: string;
                    /** Format: date-time */
                    end: string;
                };
                everyDays: number;
                count?: number;
                /** Format: date-time */
                until?: string;
            } | {
                /** @enum {string} */
                mode: "pickup";
                facilityId?: string;
            };
            rxRef?: string;
            deliveryNote?: string;
            /** @description true: the order waits for payment (status awaiting_confirmation) and its reservation expires */
            paymentPending?: boolean;
        };
        OrderListItem: {
            id: string;
            /** @enum {string} */
            status: "awaiting_rx" | "awaiting_confirmation" | "confirmed" | "in_delivery" | "delivered" | "cancelled";
            channel: string;
            deliveryMode: string;
            /** @description ISO 8601 instant (UTC) */
            dueAt: string;
            /** @description ISO 8601 instant (UTC) */
            createdAt: string;
            rxStatus: string;
            shipments: {
                id: string;
                facilityId: string;
                status: string;
                riderId: string | null;
            }[];
        };
        MapOrder: {
            id: string;
            /** @enum {string} */
            status: "awaiting_rx" | "awaiting_confirmation" | "confirmed" | "in_delivery" | "delivered" | "cancelled";
            /** @description Delivery point, WGS-84 */
            location: {
                lat: number;
                lng: number;
            };
            /** @description Promised by (end of the window) */
            dueAt: string;
            facilityId: string;
            riderId: string | null;
            shipmentStatus: string;
            /** @description Carries chilled or frozen goods */
            cold: boolean;
            /** @description A cold shipment out in a box: when the box's validated holdover runs out */
            holdoverEndsAt: string | null;
        };
        OrderEvent: {
            /** @description ISO 8601 instant (UTC) */
            at: string;
            type: string;
            status: string | null;
            actorId: string | null;
            detail?: unknown;
        };
        CsvImportReport: {
            total: number;
            created: number;
            failed: number;
            rows: {
                /** @description Line of the CSV (the header is line 1) */
                row: number;
                externalRef: string | null;
                ok: boolean;
                orderId?: string;
                status?: string;
                error?: {
                    code: string;
                    message: string;
                };
            }[];
        };
        Replacement: {
            /** @description The replacement shipment */
            id: string;
            orderId: string;
            /** @description The shipment it replaces */
            replaces: string;
            /** @description Where it leaves from: the nearest facility with the stock, by the order sourcing rules */
            facilityId: string;
            /** @description ISO 8601 instant (UTC) */
            eta: string;
            /** @description ISO 8601 instant (UTC) */
            dueAt: string;
        };
        Plan: {
            planId: string;
            facilityId: string;
            /** @description ISO 8601 instant (UTC) */
            createdAt: string;
            /** @description Why it was planned, as stored (English text with ids) */
            reason: string;
            reasonCode: components["schemas"]["PlanReason"];
            /** @description served, unassigned, lateness, travelTime, distance, cost, iterations, timeMs, riders, shipments; an edited plan also editOf (the plan it changed) and edit (its kind) */
            summary: {
                [key: string]: number | string;
            };
            /** @description The holdover limit cold shipments were planned with and the forecast behind it; null when the plan had no cold shipment waiting or no box */
            holdover: {
                /** @description Holdover given to cold shipments not yet in a box (the shortest among the riders' boxes), before the safety margin */
                minutes: number;
                /** @description The hottest forecast hour at the facility over the plan's horizon, °C (null: the season table was used) */
                ambientC: number | null;
                /** @description ISO 8601 instant (UTC) */
                forecastAt: string | null;
                /** @description That ambient is hotter than the box model was qualified for; its hottest qualified holdover applies */
                beyondQualification: boolean;
                /** @description The same box at referenceAmbientC */
                referenceMinutes: number | null;
                referenceAmbientC: number;
                /** @enum {string} */
                basis: "ambient" | "season";
                /** @description A severe-weather flag covers the facility's area within the horizon */
                severe: boolean;
                /** @description The forecast made the budget shorter than at referenceAmbientC */
                shortened: boolean;
            } | null;
            unassigned: {
                shipmentId: string;
                reason: string;
                detail: string;
            }[];
            routes: components["schemas"]["PlanRoute"][];
            /** @description The facility's open shipments (order, promise, pin), for the dispatch board; absent on one rider's route */
            shipments?: {
                id: string;
                orderId: string;
                /** @enum {string} */
                status: "ready" | "assigned" | "picked_up";
                /** @description ISO 8601 instant (UTC) */
                dueAt: string;
                pinnedRiderId: string | null;
                coldClasses: string[];
            }[];
        };
        /** @description Why a plan was made, for showing in the reader's language */
        PlanReason: {
            /** @enum {string} */
            kind: "order_placed" | "order_cancelled" | "order_confirmed" | "order_rx_verified" | "rider_status" | "shipment_pinned" | "edit" | "manual" | "shipment_picked_up" | "shipment_delivered" | "shipment_failed" | "shipment_returned" | "shipment_handed_over" | "shipment_replaced" | "alarm" | "other";
            /** @description orderId, riderId, status, shipmentId, edit, userId with userName (the display name), failure, type, severity, boxId, alarmId, or text for kind other */
            params: {
                [key: string]: string;
            };
        };
        PlanRoute: {
            riderId: string;
            stops: {
                shipmentId: string;
                /** @enum {string} */
                step: "pickup" | "delivery";
                /** @description ISO 8601 instant (UTC) */
                eta: string;
                /** @description Seconds past the window */
                lateness: number;
                lat: number;
                lng: number;
                locked: boolean;
            }[];
            travelS: number;
            distanceM: number;
        };
        RiderPlan: {
            planId: string | null;
            /** @description ISO 8601 instant (UTC) */
            createdAt: string | null;
            route: components["schemas"]["PlanRoute"] & (Record<string, never> | null);
        };
        DeviceModel: {
            id: string;
            maker: string;
            name: string;
            probeAccuracy: {
                fromC: number;
                toC: number;
                accuracyC: number;
            }[];
            sampleIntervalS: number;
            bufferReadings: number;
            holdover: {
                ambientC: number;
                minutes: number;
            }[];
            /** @description Whether the model reads to ±0.5 °C over 0–40 °C; boxes of a model that does not cannot be paired */
            gsp: {
                accurate: boolean;
                reason: string | null;
            };
            /** @description Boxes of this model */
            boxes: number;
        };
        CalibrationCertificate: {
            id: string;
            boxId: string;
            /** @enum {string} */
            source: "declared" | "documented";
            certificateNumber: string | null;
            issuer: string | null;
            /** Format: date */
            calibratedOn: string | null;
            /** Format: date */
            dueOn: string;
            contentType: string | null;
            sha256: string | null;
            bytes: number | null;
            uploadedBy: string | null;
            /** @description ISO 8601 instant (UTC) */
            uploadedAt: string;
        };
        FacilityWeather: {
            facilityId: string;
            /** @description The district (fixture) or provider grid cell of the facility */
            area: string;
            /**
             * @description fallback: the provider failed and last-known or fixture hours are shown
             * @enum {string}
             */
            source: "fixture" | "provider" | "fallback";
            /** @description A severe-weather flag covers the facility's area this hour: show the dispatcher a warning */
            severeNow: boolean;
            /** @description The first severe hour within the answer, if any */
            severeFrom: string | null;
            hottest: components["schemas"]["WeatherHour"];
            hours: components["schemas"]["WeatherHour"][];
            coldPause: components["schemas"]["ColdPause"];
        };
        WeatherHour: {
            /** @description Start of the hour */
            at: string;
            ambientC: number;
            severe: boolean;
        } | null;
        /** @description No instant cold delivery from a facility over [from, until), unless lifted */
        ColdPause: {
            id: string;
            facilityId: string;
            /** @description ISO 8601 instant (UTC) */
            from: string;
            /** @description ISO 8601 instant (UTC) */
            until: string;
            reason: string;
            /** @description User id of who set it */
            createdBy: string;
            /** @description ISO 8601 instant (UTC) */
            createdAt: string;
            /** @description ISO 8601 instant (UTC) */
            liftedAt: string | null;
            liftedBy: string | null;
            /** @description Running at the time of the answer */
            active: boolean;
        } | null;
        /** @description Orders per hour forecast for a day and the riders each hour needs to deliver the target share within the promise */
        DemandRoster: {
            facilityId: string;
            /** @description Local date forecast */
            date: string;
            timeZone: string;
            target: number;
            promiseMin: number;
            weeks: number;
            ride: {
                /** @description Median pickup-to-door minutes over the last 28 days (15 when there is no delivery yet) */
                oneWayMin: number;
                /** @description Rider minutes per order: out, back and handling */
                busyMinPerOrder: number;
                handlingMin: number;
                samples: number;
                /** @enum {string} */
                basis: "history" | "default";
            };
            hours: {
                /** @description Local hour of the day, 0–23 */
                hour: number;
                /** @description Forecast deliveries needing a rider in that hour */
                orders: number;
                /**
                 * @description same_weekday: the same weekday-hour of the last weeks, each week back half as much; recent_days: fewer than two such weeks, the same hour over the last 14 days; none: no history
                 * @enum {string}
                 */
                basis: "same_weekday" | "recent_days" | "none";
                weeks: number;
                /** @description Fewest riders on duty for the on-time target (Erlang C, no batching) */
                riders: number;
                /** @description The share of that hour's orders on time with that many riders */
                onTime: number;
            }[];
            totals: {
                orders: number;
                peakRiders: number;
                peakHour: number | null;
                riderHours: number;
            };
            /** @description Riders whose home is this facility today */
            ridersHome: number;
        };
        BoxLifecycle: {
            boxId: string;
            facilityId: string;
            /** @enum {string} */
            state: "idle" | "pre_cooling" | "ready" | "packed" | "sealed" | "in_use" | "returned" | "cleaning";
            /** @description The seal on the box now (sealed, in_use) */
            sealNumber: string | null;
            precoolMinutes: number;
            /** @description pre_cooling, ready, packed: whether the box's readings have been in range for its pre-cool minutes up to now (the pickup check), and if not why */
            readiness: {
                ready: boolean;
                /** @description ISO 8601 instant (UTC) */
                since: string | null;
                reason: string | null;
                message: string | null;
            } | null;
            events: {
                seq: number;
                /** @enum {string} */
                action: "start_precool" | "stop_precool" | "pack" | "seal" | "return" | "clean" | "cleaned" | "became_ready" | "warmed" | "pick_up" | "seal_mismatch";
                /** @enum {string} */
                from: "idle" | "pre_cooling" | "ready" | "packed" | "sealed" | "in_use" | "returned" | "cleaning";
                /** @enum {string} */
                to: "idle" | "pre_cooling" | "ready" | "packed" | "sealed" | "in_use" | "returned" | "cleaning";
                /** @description ISO 8601 instant (UTC) */
                at: string;
                actor: {
                    id: string | null;
                    role: string | null;
                };
                checklist: {
                    [key: string]: boolean;
                } | null;
                sealNumber: string | null;
                shipmentId: string | null;
                detail: {
                    [key: string]: unknown;
                };
            }[];
        };
        Alarm: {
            id: string;
            boxId: string;
            type: string;
            /** @enum {string} */
            severity: "critical" | "major" | "minor" | "warning";
            /** @enum {string} */
            status: "active" | "acknowledged" | "resolved";
            /** @enum {string} */
            condition: "active" | "cleared";
            temperatureClass: string | null;
            shipmentIds: string[];
            facilityIds: string[];
            riderIds: string[];
            raisedAt: string;
            retrospective: boolean;
            details: {
                [key: string]: unknown;
            };
            occurrences: number;
            clearedAt: string | null;
            createdAt: string;
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            ackNote: string | null;
            resolvedAt: string | null;
            resolvedBy: string | null;
            resolveNote: string | null;
            /** @description Escalation step reached: 0 = the profile's recipients notified, n = escalation tier n notified */
            escalationTier: number;
            lastNotifiedAt: string | null;
            /** @description When tier escalationTier + 1 is notified unless the alarm is acknowledged first; null when acknowledged, resolved or no tier is left */
            nextEscalationAt: string | null;
        };
        AlarmDetail: {
            id: string;
            boxId: string;
            type: string;
            /** @enum {string} */
            severity: "critical" | "major" | "minor" | "warning";
            /** @enum {string} */
            status: "active" | "acknowledged" | "resolved";
            /** @enum {string} */
            condition: "active" | "cleared";
            temperatureClass: string | null;
            shipmentIds: string[];
            facilityIds: string[];
            riderIds: string[];
            raisedAt: string;
            retrospective: boolean;
            details: {
                [key: string]: unknown;
            };
            occurrences: number;
            clearedAt: string | null;
            createdAt: string;
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            ackNote: string | null;
            resolvedAt: string | null;
            resolvedBy: string | null;
            resolveNote: string | null;
            /** @description Escalation step reached: 0 = the profile's recipients notified, n = escalation tier n notified */
            escalationTier: number;
            lastNotifiedAt: string | null;
            /** @description When tier escalationTier + 1 is notified unless the alarm is acknowledged first; null when acknowledged, resolved or no tier is left */
            nextEscalationAt: string | null;
            /** @description The alarm limits in °C of the profile the box is judged by (its class at its facility); null for alarms with no temperature class */
            limits: {
                low: number;
                high: number;
                warnLow: number | null;
                warnHigh: number | null;
            } | null;
        };
        Reading: {
            boxId: string;
            ts: string;
            receivedAt: string;
            seq: number;
            readingIndex: number;
            fw: string;
            t: number[];
            rh: number | null;
            door: boolean | null;
            batt: number | null;
            hist: boolean;
            driftMs: number;
            driftFlag: boolean;
            shipmentIds: string[];
        };
        BoxState: {
            boxId: string;
            ts: string | null;
            receivedAt: string | null;
            t: number[] | null;
            rh: number | null;
            door: boolean | null;
            batt: number | null;
            online: boolean | null;
            driftFlag: boolean | null;
            shipmentIds: string[];
            facilityId: string | null;
            riderId: string | null;
            fw: string | null;
            statusAt: string | null;
        };
        QaCaseListItem: {
            id: string;
            shipmentId: string;
            /** @enum {string} */
            status: "open" | "acknowledged" | "investigated" | "disposed";
            critical: boolean;
            signaturesRequired: number;
            /** @description ISO 8601 instant (UTC) */
            openedAt: string;
            /** @description ISO 8601 instant (UTC) */
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            ackNote: string | null;
            /** @description ISO 8601 instant (UTC) */
            investigatedAt: string | null;
            investigatedBy: string | null;
            rootCause: string | null;
            capa: string | null;
            /** @enum {string|null} */
            disposition: "release" | "reject" | null;
            /** @enum {string|null} */
            rejectAction: "destroy" | "return_to_supplier" | null;
            /** @description ISO 8601 instant (UTC) */
            disposedAt: string | null;
            reasonCodes: string[];
        };
        QaCaseDetail: {
            id: string;
            shipmentId: string;
            /** @enum {string} */
            status: "open" | "acknowledged" | "investigated" | "disposed";
            critical: boolean;
            signaturesRequired: number;
            /** @description ISO 8601 instant (UTC) */
            openedAt: string;
            /** @description ISO 8601 instant (UTC) */
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            ackNote: string | null;
            /** @description ISO 8601 instant (UTC) */
            investigatedAt: string | null;
            investigatedBy: string | null;
            rootCause: string | null;
            capa: string | null;
            /** @enum {string|null} */
            disposition: "release" | "reject" | null;
            /** @enum {string|null} */
            rejectAction: "destroy" | "return_to_supplier" | null;
            /** @description ISO 8601 instant (UTC) */
            disposedAt: string | null;
            reasons: {
                code: string;
                source: string;
                /** @description ISO 8601 instant (UTC) */
                at: string;
                critical: boolean;
                detail?: unknown;
                /** @description ISO 8601 instant (UTC) */
                recordedAt: string;
            }[];
            signatures: components["schemas"]["ESignature"][];
            /** @description After a disposition signature: how many more signers a critical case still needs */
            signaturesMissing?: number;
        };
        ESignature: {
            id: string;
            signerId: string;
            username: string;
            printedName: string;
            /** @description qa_release, qa_rejection, reviewed or change_approval */
            meaning: string;
            /** @description ISO 8601 instant (UTC) */
            signedAt: string;
            /** @description The same instant in the signer's zone, with its offset */
            signedAtLocal: string;
            timeZone: string;
            /** @description SHA-256 of the exact content signed */
            contentSha256: string;
            recordDigest: string | null;
        };
        QaCase: {
            id: string;
            shipmentId: string;
            /** @enum {string} */
            status: "open" | "acknowledged" | "investigated" | "disposed";
            critical: boolean;
            signaturesRequired: number;
            /** @description ISO 8601 instant (UTC) */
            openedAt: string;
            /** @description ISO 8601 instant (UTC) */
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            ackNote: string | null;
            /** @description ISO 8601 instant (UTC) */
            investigatedAt: string | null;
            investigatedBy: string | null;
            rootCause: string | null;
            capa: string | null;
            /** @enum {string|null} */
            disposition: "release" | "reject" | null;
            /** @enum {string|null} */
            rejectAction: "destroy" | "return_to_supplier" | null;
            /** @description ISO 8601 instant (UTC) */
            disposedAt: string | null;
        };
        /** @description Re-authentication for an electronic signature: username and password, or the password alone after a first signature in the same session */
        SignatureInput: {
            username?: string;
            password: string;
        };
        QaSignatureCheck: {
            caseId: string;
            shipmentId: string;
            recordVersion: string;
            readings: number;
            valid: boolean;
            signatures: {
                id: string;
                signerId: string;
                username: string;
                printedName: string;
                /** @description qa_release, qa_rejection, reviewed or change_approval */
                meaning: string;
                /** @description ISO 8601 instant (UTC) */
                signedAt: string;
                /** @description The same instant in the signer's zone, with its offset */
                signedAtLocal: string;
                timeZone: string;
                /** @description SHA-256 of the exact content signed */
                contentSha256: string;
                recordDigest: string | null;
                valid: boolean;
                problems: ("content_hash_mismatch" | "record_changed" | "decision_changed")[];
            }[];
        };
        ChangeRequest: {
            id: string;
            targetType: string;
            targetKey: string;
            proposed?: unknown;
            previous?: unknown;
            reason: string;
            /** @enum {string} */
            status: "proposed" | "in_force" | "withdrawn";
            proposedBy: string;
            /** @description ISO 8601 instant (UTC) */
            proposedAt: string;
            approvedBy: string | null;
            /** @description ISO 8601 instant (UTC) */
            approvedAt: string | null;
            signature: components["schemas"]["ESignature"] & (Record<string, never> | null);
            /** @description On approval: the profile now in force */
            profile?: {
                [key: string]: unknown;
            };
        };
        AuditReview: {
            /** @description ISO 8601 instant (UTC) */
            from: string;
            /** @description ISO 8601 instant (UTC) */
            to: string;
            rowCount: number;
            rowsSha256: string;
            rows: components["schemas"]["AuditEntry"][];
            signOffs: {
                id: string;
                /** @description ISO 8601 instant (UTC) */
                from: string;
                /** @description ISO 8601 instant (UTC) */
                to: string;
                rowCount: number;
                lastRowId: number | null;
                rowsSha256: string;
                comment: string;
                reviewedBy: string;
                /** @description ISO 8601 instant (UTC) */
                createdAt: string;
                signature: components["schemas"]["ESignature"];
                matchesCurrentRows: boolean;
            }[];
        };
        AuditReviewSignOff: {
            id: string;
            /** @description ISO 8601 instant (UTC) */
            from: string;
            /** @description ISO 8601 instant (UTC) */
            to: string;
            rowCount: number;
            rowsSha256: string;
            signatureId: string;
            signedAtLocal: string;
            printedName: string;
        };
        TemperatureRecord: {
            /** @enum {string} */
            format: "coldchain.record-export/1";
            canonicalFormat: string;
            shipmentId: string;
            exportedAt: string;
            /** @description In chain (arrival) order; sort by ts for the curve */
            entries: {
                index: number;
                /** @description 0 = sealed part (or not sealed yet); n = n-th signed addendum */
                addendum: number;
                boxId: string;
                ts: number;
                /** @description null when the reading row is missing */
                reading: {
                    boxId: string;
                    fw: string;
                    seq: number;
                    readingIndex: number;
                    /** @description device time, Unix ms */
                    ts: number;
                    /** @description server receive time, Unix ms */
                    receivedAt: number;
                    probes: number[];
                    rh: number | null;
                    door: boolean | null;
                    batt: number | null;
                    hist: boolean;
                } | null;
                hash: string;
            }[];
            seal: {
                shipmentId: string;
                count: number;
                head: string;
                firstTs: number | null;
                lastTs: number | null;
                custodyFrom: number | null;
                custodyTo: number | null;
                largestGapMs: number;
                gapsOverLimit: number;
                gapLimitMs: number;
                outcome: string;
                endedAt: number;
                digest: string;
                sealedAt: string;
            } | null;
            addenda: {
                shipmentId: string;
                no: number;
                fromIndex: number;
                toIndex: number;
                head: string;
                keyId: string;
                sig: string;
                createdAt: string;
            }[];
            anchor: {
                id: number;
                day: string;
                root: string;
                leafCount: number;
                keyId: string;
                sig: string;
                leafIndex: number;
                proof: string[];
                createdAt: string;
            } | null;
            publicKey: {
                keyId: string;
                pem: string;
            };
        };
        TemperatureRecordVerification: {
            ok: boolean;
            shipmentId: string;
            entries: number;
            sealed: boolean;
            anchored: boolean;
            checks: {
                /** @enum {string} */
                check: "format" | "key" | "chain" | "seal" | "addenda" | "anchor";
                ok: boolean;
                detail: string;
            }[];
            firstBroken: {
                index: number;
                boxId: string | null;
                ts: string | null;
                reason: string;
            } | null;
        };
        TemperatureSummary: {
            shipmentId: string;
            temperatureClass: string;
            limits: {
                low: number;
                high: number;
                freezeLimit: number | null;
            };
            readings: number;
            firstTs: number | null;
            lastTs: number | null;
            minC: number | null;
            maxC: number | null;
            /** @description Mean kinetic temperature, USP <1079.2> (ΔH = 83.144 kJ/mol); information only */
            mktC: number | null;
            /** @description Cumulative time out of range over every leg */
            timeOutOfRangeMs: number;
            /** @description Longest single continuous time out of range */
            longestExcursionMs: number;
            stabilityBudget: {
                budgetMs: number;
                usedMs: number;
                /** @description negative = exceeded (quarantine) */
                remainingMs: number;
            } | null;
            largestGapMs: number;
            gapsOverLimit: number;
            gapLimitMs: number;
            sealed: boolean;
            asOf: string;
        };
        ShipmentEventAnswer: {
            shipmentId: string;
            orderId: string;
            /** @enum {string} */
            state: "planned" | "assigned" | "at_pickup" | "picked_up" | "in_transit" | "arriving" | "delivered" | "failed" | "returning" | "returned" | "cancelled" | "ready_for_pickup" | "collected";
            seq: number;
            action: string;
            /** @enum {string} */
            reason?: "customer_absent" | "refused" | "wrong_address" | "cold_chain_breach" | "damaged";
            boxId?: string;
            compartments?: {
                temperatureClass: string;
                units: number;
            }[];
            /** @description pick_up: the box's validated holdover at the forecast ambient of the pickup hour (its model's table; the season table when the model has none), minutes */
            holdoverMinutes?: number;
            warnings?: string[];
            fromRiderId?: string | null;
            toRiderId?: string | null;
            toFacilityId?: string | null;
            /** @description hand_over by the receiving rider: the offer it accepted */
            offerId?: number;
            /** @description deliver, fail: the door photo the event names */
            photo?: {
                id: string;
                sha256: string;
            };
            /** @description deliver, collect: the signature image the event names */
            signature?: {
                id: string;
                sha256: string;
            };
        };
        ShipmentLifecycle: {
            shipmentId: string;
            orderId: string;
            facilityId: string;
            /** @enum {string} */
            state: "planned" | "assigned" | "at_pickup" | "picked_up" | "in_transit" | "arriving" | "delivered" | "failed" | "returning" | "returned" | "cancelled" | "ready_for_pickup" | "collected";
            riderId: string | null;
            inCustody: boolean;
            /** @description ISO 8601 instant (UTC) */
            pickedUpAt: string | null;
            /** @description ISO 8601 instant (UTC) */
            endedAt: string | null;
            events: {
                seq: number;
                action: string;
                from: string;
                to: string;
                reason: string | null;
                note: string | null;
                actor: {
                    id: string | null;
                    role: string | null;
                };
                riderId: string | null;
                clientEventId: string | null;
                /** @description ISO 8601 instant (UTC) */
                deviceAt: string | null;
                /** @description ISO 8601 instant (UTC) */
                serverAt: string;
                location: {
                    lat: number;
                    lng: number;
                    accuracyM: number | null;
                } | null;
                detail: {
                    [key: string]: unknown;
                };
            }[];
            custody: {
                holder: {
                    /** @enum {string} */
                    kind: "facility" | "rider" | "store" | "customer";
                    id: string | null;
                };
                boxId: string | null;
                /** @description ISO 8601 instant (UTC) */
                from: string;
                /** @description ISO 8601 instant (UTC) */
                to: string | null;
                compartments: {
                    temperatureClass: string;
                    units: number;
                }[];
            }[];
        };
        PodFile: {
            id: string;
            shipmentId: string;
            /** @enum {string} */
            kind: "photo" | "signature";
            contentType: string;
            sha256: string;
            bytes: number;
            width: number;
            height: number;
            uploadedBy: string;
            uploadedAt: string;
        };
        HandoverOffer: {
            id: number;
            shipmentId: string;
            fromRiderId: string;
            toRiderId: string;
            /** @description ISO 8601 instant (UTC) */
            offeredAt: string;
            /** @enum {string} */
            status: "open" | "accepted" | "replaced";
            /** @description ISO 8601 instant (UTC) */
            closedAt: string | null;
            /** @description accepted: the box the receiving rider put it in */
            boxId: string | null;
            coldClasses: string[];
        };
        Kpis: {
            date: string;
            timeZone: string;
            facilityId: string | null;
            totals: {
                orders: number;
                shipments: number;
                delivered: number;
                within30MinRate: number | null;
                avgOrderToDoorMin: number | null;
                onTimeRate: number | null;
                fulfilmentRate: number | null;
                intactRate: number | null;
                excursionsPer1000Cold: number | null;
            };
            alarms: {
                raised: number;
                acknowledged: number;
                medianAckMin: number | null;
                p90AckMin: number | null;
                within5MinRate: number | null;
            };
            hours: {
                hour: number;
                orders: number;
                delivered: number;
                ridersAtWork: number;
            }[];
            facilities: {
                orders: number;
                shipments: number;
                delivered: number;
                within30MinRate: number | null;
                avgOrderToDoorMin: number | null;
                onTimeRate: number | null;
                fulfilmentRate: number | null;
                intactRate: number | null;
                excursionsPer1000Cold: number | null;
                facilityId: string;
                name: string;
            }[];
        };
        Lanes: {
            from: string;
            to: string;
            timeZone: string;
            facilityId: string | null;
            /** @enum {string} */
            by: "facility" | "area" | "hour" | "rider" | "box";
            thinMarginMin: number;
            weights: {
                excursions: number;
                thin_margin: number;
                late: number;
            };
            lanes: {
                /** @description The lane: facility id, cell centre "lat,lng", hour "00"–"23", rider id, box kind; "none" when the shipment has none (never left) */
                key: string;
                label: string;
                shipments: number;
                /** @description Cold shipments that left the facility */
                coldShipments: number;
                delivered: number;
                excursions: number;
                excursionsPer1000Cold: number | null;
                timeOutOfRangeMin: number;
                late: number;
                onTimeRate: number | null;
                /** @description Holdover end (the last cold leg's start plus its box's validated holdover) minus the hand-over time, minutes, over delivered cold shipments */
                holdoverMargin: {
                    n: number;
                    minMin: number | null;
                    p10Min: number | null;
                    medianMin: number | null;
                    maxMin: number | null;
                };
                /** @description Delivered cold shipments whose margin was below thinMarginMin (negative: after the holdover ran out) */
                thinMargin: number;
                alarms: {
                    raised: number;
                    acknowledged: number;
                    medianAckMin: number | null;
                    p90AckMin: number | null;
                };
                /** @description 100 × (3 × shipments with an excursion + 2 × thin-margin deliveries + late deliveries) ÷ shipments */
                score: number;
                /** @description The largest term of the score; null when the lane has none */
                driver: {
                    /** @enum {string} */
                    cause: "excursions" | "thin_margin" | "late";
                    count: number;
                    /** @description The shipments behind it (at most 20) */
                    shipmentIds: string[];
                } | null;
            }[];
        };
        NotificationsSent: {
            configured: boolean;
            messages: {
                /** @enum {string} */
                channel: "sms" | "email";
                /** @description Phone masked (138****0001) or the e-mail address */
                to: string;
                subject: string | null;
                text: string;
                /** @description Alarm messages: <alarm id>:<tier>; otherwise the sender's reference or empty */
                reference: string;
                /** @description When the sink received it (ISO 8601, UTC) */
                at: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "dispatcher.chen",
                 *       "password": "correct horse battery staple"
                 *     }
                 */
                "application/json": {
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "token": "Jm3n0Yc3bVt6yQ1xv8gq2wT5Rk7pLs9dZe4uHf0aBc",
                     *       "expiresAt": "2026-12-05T20:42:00.000Z",
                     *       "user": {
                     *         "id": "usr_disp01",
                     *         "username": "dispatcher.chen",
                     *         "displayName": "陈调度",
                     *         "role": "dispatcher",
                     *         "facilityId": null,
                     *         "riderId": null,
                     *         "active": true,
                     *         "createdAt": "2026-11-02T01:00:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": {
                        token: string;
                        expiresAt: string;
                        user: components["schemas"]["User"];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: invalid_credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Locked. error.code: account_locked */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests. error.code: rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCurrentUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        username: string;
                        displayName: string;
                        /** @enum {string} */
                        role: "admin" | "dispatcher" | "qa" | "rider" | "partner";
                        facilityId: string | null;
                        riderId: string | null;
                    };
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                role?: "admin" | "dispatcher" | "qa" | "rider" | "partner";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: components["schemas"]["User"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    displayName: string;
                    /** @enum {string} */
                    role: "admin" | "dispatcher" | "qa" | "rider" | "partner";
                    password: string;
                    facilityId?: string;
                    riderId?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Bad input. error.code: validation_failed, weak_password, facility_required, rider_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: already_exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    /** @enum {string} */
                    role?: "admin" | "dispatcher" | "qa" | "rider" | "partner";
                    active?: boolean;
                    facilityId?: string | null;
                    riderId?: string | null;
                    /** @description Why the change is made (kept in the audit trail) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Bad input. error.code: validation_failed, reason_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: user_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    /** @description Why the change is made (kept in the audit trail) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input. error.code: validation_failed, reason_required, weak_password */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: user_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unlockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Why the change is made (kept in the audit trail) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input. error.code: validation_failed, reason_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: user_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAuditEntries: {
        parameters: {
            query?: {
                entityType?: string;
                entityId?: string;
                actorId?: string;
                action?: string;
                from?: string | null;
                to?: string | null;
                limit?: number;
                before?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entries: components["schemas"]["AuditEntry"][];
                        nextBefore: number | null;
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    issueBoxMqttCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                boxId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username: string;
                        clientId: string;
                        password: string;
                        topics: {
                            publish: string;
                            commands: string;
                        };
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed, reason_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeBoxMqttCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                boxId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input. error.code: validation_failed, reason_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    snapToRoad: {
        parameters: {
            query?: {
                lat?: number | null;
                lng?: number | null;
                crs?: "wgs84" | "gcj02" | "bd09";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnappedPoint"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Cannot be done. error.code: snap_too_far */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    computeRoute: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    points: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Route"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Cannot be done. error.code: snap_too_far, no_route */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    computeTravelMatrix: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sources: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    }[];
                    destinations: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TravelMatrix"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRoadNetwork: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        engine: string;
                        version: number;
                        sourceFile: string | null;
                        importedAt: string | null;
                        ways: number;
                        vertices: number;
                        /** @description GeoJSON polygon of the network extent */
                        bbox: {
                            /** @enum {string} */
                            type: "Polygon";
                            coordinates: [
                                number,
                                number
                            ][][];
                        } | null;
                    };
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listServiceAreas: {
        parameters: {
            query?: {
                facility?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceAreaCollection"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFacilitiesServingPoint: {
        parameters: {
            query?: {
                lat?: number | null;
                lng?: number | null;
                crs?: "wgs84" | "gcj02" | "bd09";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        facilities: {
                            facilityId: string;
                            /** @enum {string} */
                            kind: "radius" | "isochrone";
                            distanceM: number;
                        }[];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setServiceArea: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                facilityId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    center: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    /** @enum {string} */
                    kind: "radius";
                    radiusM: number;
                    reason?: string;
                } | {
                    center: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    /** @enum {string} */
                    kind: "isochrone";
                    driveMinutes: number;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceArea"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteServiceArea: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                facilityId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: service_area_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBasemap: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        networkVersion: number;
                        /** @description [west, south, east, north] of the road network, WGS-84 */
                        bbox: [
                            number,
                            number,
                            number,
                            number
                        ] | null;
                        roadTiles: {
                            url: string;
                            tileSize: number;
                            minZoom: number;
                            maxZoom: number;
                        };
                        external: {
                            url: string;
                            attribution: string;
                            /** @enum {string} */
                            crs: "wgs84" | "gcj02";
                        } | null;
                    };
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRoadTile: {
        parameters: {
            query?: {
                /** @description The network version the client expects (from /geo/basemap) */
                v?: number | null;
            };
            header?: never;
            path: {
                z: number;
                x: number | null;
                y: number | null;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        networkVersion: number;
                        roads: {
                            class: string;
                            lines: [
                                number,
                                number
                            ][][];
                        }[];
                        /** @description Rivers, canals and streams, lines in tile pixels (drawn under the roads) */
                        water: [
                            number,
                            number
                        ][][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFacilities: {
        parameters: {
            query?: {
                tier?: "central" | "forward" | "store";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        facilities: components["schemas"]["Facility"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createFacility: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id?: string;
                    name: string;
                    /** @enum {string} */
                    tier: "central" | "forward" | "store";
                    location: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    /** @default  */
                    address?: string;
                    /** @default Asia/Shanghai */
                    timeZone?: string;
                    openingHours: {
                        /** @default Asia/Shanghai */
                        timeZone?: string;
                        /** @default false */
                        alwaysOpen?: boolean;
                        /** @default {} */
                        weekly?: {
                            /** @default [] */
                            mon?: {
                                open: string;
                                close: string;
                            }[];
                            /** @default [] */
                            tue?: {
                                open: string;
                                close: string;
                            }[];
                            /** @default [] */
                            wed?: {
                                open: string;
                                close: string;
                            }[];
                            /** @default [] */
                            thu?: {
                                open: string;
                                close: string;
                            }[];
                            /** @default [] */
                            fri?: {
                                open: string;
                                close: string;
                            }[];
                            /** @default [] */
                            sat?: {
                                open: string;
                                close: string;
                            }[];
                            /** @default [] */
                            sun?: {
                                open: string;
                                close: string;
                            }[];
                        };
                        /** @default [] */
                        exceptions?: ({
                            /** Format: date */
                            date: string;
                            /** @enum {boolean} */
                            closed: true;
                            note?: string;
                        } | {
                            /** Format: date */
                            date: string;
                            intervals: {
                                open: string;
                                close: string;
                            }[];
                            note?: string;
                        })[];
                    };
                    coldCapabilities: ("ambient" | "chilled" | "frozen")[];
                    /** @default 10 */
                    riderCap?: number;
                    /** @default 600 */
                    handlingSeconds?: number;
                    serviceArea?: {
                        /** @enum {string} */
                        kind: "radius";
                        radiusM: number;
                    } | {
                        /** @enum {string} */
                        kind: "isochrone";
                        driveMinutes: number;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Facility"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: already_exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getFacility: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Facility"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFacilityStock: {
        parameters: {
            query?: {
                skuId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lots: components["schemas"]["StockLot"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveLot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    skuId: string;
                    lotNumber: string;
                    /** Format: date */
                    expiry: string;
                    quantity: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lot"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Cannot be done. error.code: reference_not_found */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    searchSkus: {
        parameters: {
            query?: {
                q?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        skus: components["schemas"]["Sku"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSku: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id?: string;
                    name: string;
                    genericName: string;
                    /** @enum {string} */
                    temperatureClass: "ambient" | "chilled" | "frozen";
                    /** @default false */
                    rx?: boolean;
                    stabilityProfile?: string;
                    stabilityBudgetMin?: number | null;
                    /** @default 1 */
                    volumeUnits?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sku"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: already_exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRiders: {
        parameters: {
            query?: {
                facilityId?: string;
                status?: "online" | "offline";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        riders: components["schemas"]["RiderWithPosition"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createRider: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id?: string;
                    name: string;
                    homeFacilityId: string;
                    /** @enum {string} */
                    vehicleType: "e_bike" | "scooter" | "car" | "walker";
                    /** @default 1 */
                    speedFactor?: number;
                    /** @default [] */
                    shifts?: {
                        /** @enum {string} */
                        day: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
                        start: string;
                        end: string;
                    }[];
                    /**
                     * @default offline
                     * @enum {string}
                     */
                    status?: "online" | "offline";
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rider"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: already_exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Cannot be done. error.code: reference_not_found */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setRiderStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "online" | "offline";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rider"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_rider */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: rider_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listBoxes: {
        parameters: {
            query?: {
                facilityId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        boxes: components["schemas"]["BoxListItem"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerBox: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id?: string;
                    facilityId: string;
                    /** @enum {string} */
                    kind: "passive" | "active";
                    holdoverMinutes: {
                        summer: number;
                        winter: number;
                    };
                    /**
                     * Format: date
                     * @description Due date of the probes' calibration as stated at registration: kept as a declared certificate (no document) until one is uploaded
                     */
                    calibrationDue: string;
                    /** @description Device model; default dm_default (a GSP-accurate generic logger) */
                    modelId?: string;
                    batteryPct?: number;
                    /** @default 60 */
                    sampleIntervalS?: number;
                    /** @default 1 */
                    probes?: number;
                    compartments: {
                        /** @enum {string} */
                        temperatureClass: "ambient" | "chilled" | "frozen";
                        capacityUnits: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Box"];
                };
            };
            /** @description Bad input. error.code: validation_failed, duplicate_compartment, device_model_not_found */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: already_exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBox: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoxWithCalibration"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: box_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    pairBox: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    riderId: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Box"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: box_not_found, rider_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: model_not_gsp_accurate, no_calibration_certificate, calibration_overdue */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBoxCustody: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        custody: components["schemas"]["CustodySpan"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFacilityBoxes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        boxes: components["schemas"]["BoxListItem"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFacilityRiders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        riders: components["schemas"]["RiderWithPosition"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOrders: {
        parameters: {
            query?: {
                facilityId?: string;
                status?: "awaiting_rx" | "awaiting_confirmation" | "confirmed" | "in_delivery" | "delivered" | "cancelled";
                tier?: "central" | "forward" | "store";
                from?: string | null;
                to?: string | null;
                limit?: number;
                before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "orders": [
                     *         {
                     *           "id": "ord_7k2m9x",
                     *           "status": "confirmed",
                     *           "channel": "app",
                     *           "deliveryMode": "instant",
                     *           "dueAt": "2026-12-05T09:12:00.000Z",
                     *           "createdAt": "2026-12-05T08:42:00.000Z",
                     *           "rxStatus": "verified",
                     *           "shipments": [
                     *             {
                     *               "id": "shp_4h8q2c",
                     *               "facilityId": "fac_tianhe01",
                     *               "status": "planned",
                     *               "riderId": "rdr_li01"
                     *             }
                     *           ]
                     *         },
                     *         {
                     *           "id": "ord_7k2a11",
                     *           "status": "in_delivery",
                     *           "channel": "third_party",
                     *           "deliveryMode": "scheduled",
                     *           "dueAt": "2026-12-05T10:00:00.000Z",
                     *           "createdAt": "2026-12-05T08:30:12.000Z",
                     *           "rxStatus": "not_required",
                     *           "shipments": [
                     *             {
                     *               "id": "shp_4h8a90",
                     *               "facilityId": "fac_tianhe01",
                     *               "status": "in_transit",
                     *               "riderId": "rdr_wang02"
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "nextBefore": null
                     *     }
                     */
                    "application/json": {
                        orders: components["schemas"]["OrderListItem"][];
                        /** @description Pass as `before` for the next page */
                        nextBefore: string | null;
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    placeOrder: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "channel": "app",
                 *       "externalRef": "APP-20261205-0042",
                 *       "items": [
                 *         {
                 *           "skuId": "sku_insulin01",
                 *           "quantity": 2
                 *         },
                 *         {
                 *           "skuId": "sku_ibuprofen",
                 *           "quantity": 1
                 *         }
                 *       ],
                 *       "customer": {
                 *         "name": "张伟",
                 *         "phone": "13812345678",
                 *         "address": "广州市天河区体育西路 100 号 3 栋 1201",
                 *         "location": {
                 *           "lat": 23.1291,
                 *           "lng": 113.3214,
                 *           "crs": "gcj02"
                 *         }
                 *       },
                 *       "delivery": {
                 *         "mode": "instant",
                 *         "promiseMinutes": 30
                 *       },
                 *       "rxRef": "ERX-440106-778812",
                 *       "deliveryNote": "放门口"
                 *     }
                 */
                "application/json": components["schemas"]["OrderRequest"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ord_7k2m9x",
                     *       "token": "q8ZkV3nW5rT1",
                     *       "channel": "app",
                     *       "externalRef": "APP-20261205-0042",
                     *       "status": "awaiting_rx",
                     *       "deliveryMode": "instant",
                     *       "window": {
                     *         "start": null,
                     *         "end": "2026-12-05T09:12:00.000Z"
                     *       },
                     *       "customer": {
                     *         "name": "张*",
                     *         "phone": "138******78",
                     *         "address": "广州市天河区****",
                     *         "location": {
                     *           "lat": 23.13174,
                     *           "lng": 113.31612
                     *         },
                     *         "masked": true,
                     *         "purged": false
                     *       },
                     *       "rx": {
                     *         "ref": "ERX-440106-778812",
                     *         "status": "pending",
                     *         "reviewedBy": null,
                     *         "reviewedAt": null,
                     *         "note": null
                     *       },
                     *       "items": [
                     *         {
                     *           "line": 1,
                     *           "skuId": "sku_insulin01",
                     *           "name": "门冬胰岛素注射液",
                     *           "quantity": 2
                     *         },
                     *         {
                     *           "line": 2,
                     *           "skuId": "sku_ibuprofen",
                     *           "name": "布洛芬缓释胶囊",
                     *           "quantity": 1
                     *         }
                     *       ],
                     *       "shipments": [
                     *         {
                     *           "id": "shp_4h8q2c",
                     *           "facilityId": "fac_tianhe01",
                     *           "status": "planned",
                     *           "riderId": null,
                     *           "eta": null,
                     *           "dueAt": "2026-12-05T09:12:00.000Z",
                     *           "coldClasses": [
                     *             "chilled"
                     *           ],
                     *           "replaces": null,
                     *           "replacedBy": null
                     *         }
                     *       ],
                     *       "decision": {
                     *         "status": "single",
                     *         "chosen": [
                     *           "fac_tianhe01"
                     *         ],
                     *         "summary": {
                     *           "en": "Tianhe store has every line in stock, 11 min away.",
                     *           "zh": "天河店全部有货，车程 11 分钟。"
                     *         }
                     *       },
                     *       "reservationExpiresAt": null,
                     *       "cancelReason": null,
                     *       "createdAt": "2026-12-05T08:42:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: idempotency_key_reused, idempotency_in_progress, duplicate_order, stock_changed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No facility can serve the order; details carry the sourcing decision. error.code: no_facility_can_serve */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMapOrders: {
        parameters: {
            query?: {
                facilityId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        orders: components["schemas"]["MapOrder"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ord_7k2m9x",
                     *       "token": "q8ZkV3nW5rT1",
                     *       "channel": "app",
                     *       "externalRef": "APP-20261205-0042",
                     *       "status": "awaiting_rx",
                     *       "deliveryMode": "instant",
                     *       "window": {
                     *         "start": null,
                     *         "end": "2026-12-05T09:12:00.000Z"
                     *       },
                     *       "customer": {
                     *         "name": "张*",
                     *         "phone": "138******78",
                     *         "address": "广州市天河区****",
                     *         "location": {
                     *           "lat": 23.13174,
                     *           "lng": 113.31612
                     *         },
                     *         "masked": true,
                     *         "purged": false
                     *       },
                     *       "rx": {
                     *         "ref": "ERX-440106-778812",
                     *         "status": "pending",
                     *         "reviewedBy": null,
                     *         "reviewedAt": null,
                     *         "note": null
                     *       },
                     *       "items": [
                     *         {
                     *           "line": 1,
                     *           "skuId": "sku_insulin01",
                     *           "name": "门冬胰岛素注射液",
                     *           "quantity": 2
                     *         },
                     *         {
                     *           "line": 2,
                     *           "skuId": "sku_ibuprofen",
                     *           "name": "布洛芬缓释胶囊",
                     *           "quantity": 1
                     *         }
                     *       ],
                     *       "shipments": [
                     *         {
                     *           "id": "shp_4h8q2c",
                     *           "facilityId": "fac_tianhe01",
                     *           "status": "planned",
                     *           "riderId": null,
                     *           "eta": null,
                     *           "dueAt": "2026-12-05T09:12:00.000Z",
                     *           "coldClasses": [
                     *             "chilled"
                     *           ],
                     *           "replaces": null,
                     *           "replacedBy": null
                     *         }
                     *       ],
                     *       "decision": {
                     *         "status": "single",
                     *         "chosen": [
                     *           "fac_tianhe01"
                     *         ],
                     *         "summary": {
                     *           "en": "Tianhe store has every line in stock, 11 min away.",
                     *           "zh": "天河店全部有货，车程 11 分钟。"
                     *         }
                     *       },
                     *       "reservationExpiresAt": null,
                     *       "cancelReason": null,
                     *       "createdAt": "2026-12-05T08:42:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: order_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOrderEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["OrderEvent"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: order_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Why the change is made (kept in the audit trail) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Bad input. error.code: validation_failed, reason_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: order_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: order_not_cancellable */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirmOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: order_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: order_not_awaiting_confirmation */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reviewPrescription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    verdict: "verified" | "rejected";
                    note: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: order_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: rx_not_pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importOrdersCsv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    csv: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CsvImportReport"];
                };
            };
            /** @description Bad input. error.code: validation_failed, csv_empty, csv_missing_columns, csv_too_many_rows */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAvailability: {
        parameters: {
            query: {
                lat: string;
                lng: string;
                /** @description Datum of lat/lng: wgs84 (GPS), gcj02 (AMap, Tencent), bd09 (Baidu); stored as WGS-84 */
                crs?: "wgs84" | "gcj02" | "bd09";
                /** @description 1–20 SKU ids, comma-separated or repeated */
                sku: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            skuId: string;
                            /** @enum {string} */
                            temperatureClass: "ambient" | "chilled" | "frozen";
                            /** @description An order with it needs a prescription reference */
                            rxRequired: boolean;
                            deliverable: boolean;
                            /**
                             * @description Why not deliverable: no facility serves the point, none in range has a sellable lot (out_of_stock), or the reason of the nearest one that has (closed, no cold box, cannot meet even the next-day promise, …)
                             * @enum {string|null}
                             */
                            reason: "no_facility_serves_point" | "closed" | "no_cold_capability" | "cold_paused" | "out_of_stock" | "no_box" | "cannot_meet_promise" | "unroutable" | null;
                            /**
                             * @description The tier of the facility an order placed now would be sourced from
                             * @enum {string|null}
                             */
                            tier: "central" | "forward" | "store" | null;
                            /**
                             * @description The narrowest promise sourcing can keep: 30min, 2h or next_day (by the end of tomorrow, local time)
                             * @enum {string|null}
                             */
                            promise: "30min" | "2h" | "next_day" | null;
                            /** @description Earliest arrival sourcing computed for that promise (ISO 8601) */
                            earliestAt: string | null;
                        }[];
                        /** @description All the SKUs in one order, one unit each */
                        together: {
                            deliverable: boolean;
                            oneShipment: boolean;
                            shipments: number;
                            tiers: ("central" | "forward" | "store")[];
                            /** @enum {string|null} */
                            promise: "30min" | "2h" | "next_day" | null;
                            /** @description When the last shipment arrives */
                            earliestAt: string | null;
                        };
                        checkedAt: string;
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed, unknown_sku */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests. error.code: rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getShipmentCustody: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        custody: components["schemas"]["CustodySpan"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    pinShipment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    riderId: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        shipmentId: string;
                        pinnedRiderId: string | null;
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: shipment_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replaceShipment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Replacement"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: shipment_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not failed or quarantined; replaced already (details.replacedBy); no facility has the stock (dispatchers are told on the feed). error.code: idempotency_key_reused, idempotency_in_progress, not_replaceable, already_replaced, no_stock_for_replacement, stock_changed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getFacilityPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "planId": "pln_9r3t5u",
                     *       "facilityId": "fac_tianhe01",
                     *       "createdAt": "2026-12-05T08:43:05.000Z",
                     *       "reason": "order ord_7k2m9x",
                     *       "reasonCode": {
                     *         "kind": "order_placed",
                     *         "params": {
                     *           "orderId": "ord_7k2m9x"
                     *         }
                     *       },
                     *       "summary": {
                     *         "served": 2,
                     *         "unassigned": 0,
                     *         "lateness": 0,
                     *         "travelTime": 1260,
                     *         "distance": 6400,
                     *         "cost": 1260,
                     *         "iterations": 800,
                     *         "timeMs": 42,
                     *         "riders": 2,
                     *         "shipments": 2
                     *       },
                     *       "holdover": {
                     *         "minutes": 240,
                     *         "ambientC": 35,
                     *         "forecastAt": "2026-07-15T06:00:00.000Z",
                     *         "beyondQualification": false,
                     *         "referenceMinutes": 300,
                     *         "referenceAmbientC": 25,
                     *         "basis": "ambient",
                     *         "severe": false,
                     *         "shortened": true
                     *       },
                     *       "unassigned": [],
                     *       "routes": [
                     *         {
                     *           "riderId": "rdr_li01",
                     *           "travelS": 1260,
                     *           "distanceM": 6400,
                     *           "stops": [
                     *             {
                     *               "shipmentId": "shp_4h8q2c",
                     *               "step": "pickup",
                     *               "eta": "2026-12-05T08:50:00.000Z",
                     *               "lateness": 0,
                     *               "lat": 23.1347,
                     *               "lng": 113.3228,
                     *               "locked": false
                     *             },
                     *             {
                     *               "shipmentId": "shp_4h8q2c",
                     *               "step": "delivery",
                     *               "eta": "2026-12-05T09:04:00.000Z",
                     *               "lateness": 0,
                     *               "lat": 23.1291,
                     *               "lng": 113.3214,
                     *               "locked": false
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Plan"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: no_plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replanFacility: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getOwnRiderPlan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RiderPlan"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: rider_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRiderPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RiderPlan"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_rider */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: rider_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reportRiderPosition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    location: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                };
            };
        };
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_rider */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: rider_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewPlanEdit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description assign: move a shipment to a rider (at a position among their deliveries); reorder: a rider's deliveries in their new order; unpin: let the optimizer move a shipment again */
                    edit: {
                        /** @enum {string} */
                        type: "assign";
                        shipmentId: string;
                        riderId: string;
                        position?: number;
                    } | {
                        /** @enum {string} */
                        type: "reorder";
                        riderId: string;
                        shipmentIds: string[];
                    } | {
                        /** @enum {string} */
                        type: "unpin";
                        shipmentId: string;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        facilityId: string;
                        basePlanId: string;
                        timeZone: string;
                        computedAt: string;
                        /** @description assign: move a shipment to a rider (at a position among their deliveries); reorder: a rider's deliveries in their new order; unpin: let the optimizer move a shipment again */
                        edit: {
                            /** @enum {string} */
                            type: "assign";
                            shipmentId: string;
                            riderId: string;
                            position?: number;
                        } | {
                            /** @enum {string} */
                            type: "reorder";
                            riderId: string;
                            shipmentIds: string[];
                        } | {
                            /** @enum {string} */
                            type: "unpin";
                            shipmentId: string;
                        };
                        routes: {
                            riderId: string;
                            stops: {
                                shipmentId: string;
                                /** @enum {string} */
                                step: "pickup" | "delivery";
                                eta: string;
                                lateness: number;
                                lat: number;
                                lng: number;
                                locked: boolean;
                            }[];
                            travelS: number;
                            distanceM: number;
                            before: string[];
                        }[];
                        breaches: {
                            /** @enum {string} */
                            rule: "late" | "holdover" | "capacity" | "shift" | "precedence" | "pin" | "unroutable";
                            riderId: string;
                            shipmentId: string | null;
                            minutes?: number;
                            limitMinutes?: number;
                            load?: number;
                            capacity?: number;
                            dimension?: string;
                            pinnedTo?: string;
                            new: boolean;
                        }[];
                        unassigned: string[];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: no_plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    applyPlanEdit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    basePlanId: string;
                    /** @description assign: move a shipment to a rider (at a position among their deliveries); reorder: a rider's deliveries in their new order; unpin: let the optimizer move a shipment again */
                    edit: {
                        /** @enum {string} */
                        type: "assign";
                        shipmentId: string;
                        riderId: string;
                        position?: number;
                    } | {
                        /** @enum {string} */
                        type: "reorder";
                        riderId: string;
                        shipmentIds: string[];
                    } | {
                        /** @enum {string} */
                        type: "unpin";
                        shipmentId: string;
                    };
                    /** @description Why the change is made (kept in the audit trail) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        planId: string;
                        preview: {
                            facilityId: string;
                            basePlanId: string;
                            timeZone: string;
                            computedAt: string;
                            /** @description assign: move a shipment to a rider (at a position among their deliveries); reorder: a rider's deliveries in their new order; unpin: let the optimizer move a shipment again */
                            edit: {
                                /** @enum {string} */
                                type: "assign";
                                shipmentId: string;
                                riderId: string;
                                position?: number;
                            } | {
                                /** @enum {string} */
                                type: "reorder";
                                riderId: string;
                                shipmentIds: string[];
                            } | {
                                /** @enum {string} */
                                type: "unpin";
                                shipmentId: string;
                            };
                            routes: {
                                riderId: string;
                                stops: {
                                    shipmentId: string;
                                    /** @enum {string} */
                                    step: "pickup" | "delivery";
                                    eta: string;
                                    lateness: number;
                                    lat: number;
                                    lng: number;
                                    locked: boolean;
                                }[];
                                travelS: number;
                                distanceM: number;
                                before: string[];
                            }[];
                            breaches: {
                                /** @enum {string} */
                                rule: "late" | "holdover" | "capacity" | "shift" | "precedence" | "pin" | "unroutable";
                                riderId: string;
                                shipmentId: string | null;
                                minutes?: number;
                                limitMinutes?: number;
                                load?: number;
                                capacity?: number;
                                dimension?: string;
                                pinnedTo?: string;
                                new: boolean;
                            }[];
                            unassigned: string[];
                        };
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed, reason_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: plan_changed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPlanGeometry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        planId: string | null;
                        routes: {
                            riderId: string;
                            /** @description false: some leg is not routable, drawn straight */
                            onRoads: boolean;
                            geometry: {
                                /** @enum {string} */
                                type: "LineString";
                                coordinates: [
                                    number,
                                    number
                                ][];
                            };
                            durationS: number;
                            distanceM: number;
                        }[];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeviceModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        models: components["schemas"]["DeviceModel"][];
                    };
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createDeviceModel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "maker": "Elitech",
                 *       "name": "RC-5+ TE",
                 *       "probeAccuracy": [
                 *         {
                 *           "fromC": -40,
                 *           "toC": -20,
                 *           "accuracyC": 1
                 *         },
                 *         {
                 *           "fromC": -20,
                 *           "toC": 40,
                 *           "accuracyC": 0.5
                 *         },
                 *         {
                 *           "fromC": 40,
                 *           "toC": 85,
                 *           "accuracyC": 1
                 *         }
                 *       ],
                 *       "sampleIntervalS": 60,
                 *       "bufferReadings": 32000,
                 *       "holdover": [
                 *         {
                 *           "ambientC": 10,
                 *           "minutes": 480
                 *         },
                 *         {
                 *           "ambientC": 25,
                 *           "minutes": 360
                 *         },
                 *         {
                 *           "ambientC": 35,
                 *           "minutes": 240
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    maker: string;
                    name: string;
                    /** @description Accuracy per range: ±accuracyC between fromC and toC (°C) */
                    probeAccuracy: {
                        fromC: number;
                        toC: number;
                        accuracyC: number;
                    }[];
                    sampleIntervalS: number;
                    /** @description Readings the logger keeps while offline */
                    bufferReadings: number;
                    /** @description Validated hold time by ambient temperature, ascending ambientC */
                    holdover: {
                        ambientC: number;
                        minutes: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeviceModel"];
                };
            };
            /** @description Bad input. error.code: validation_failed, range_inverted, holdover_unsorted */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: already_exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDeviceModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeviceModel"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: device_model_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateDeviceModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    maker: string;
                    name: string;
                    /** @description Accuracy per range: ±accuracyC between fromC and toC (°C) */
                    probeAccuracy: {
                        fromC: number;
                        toC: number;
                        accuracyC: number;
                    }[];
                    sampleIntervalS: number;
                    /** @description Readings the logger keeps while offline */
                    bufferReadings: number;
                    /** @description Validated hold time by ambient temperature, ascending ambientC */
                    holdover: {
                        ambientC: number;
                        minutes: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeviceModel"];
                };
            };
            /** @description Bad input. error.code: validation_failed, range_inverted, holdover_unsorted */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: device_model_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: already_exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteDeviceModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: device_model_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: device_model_in_use, device_model_default */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setBoxModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    modelId: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        boxId: string;
                        modelId: string;
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: box_not_found, device_model_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listBoxCertificates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        certificates: components["schemas"]["CalibrationCertificate"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: box_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadBoxCertificate: {
        parameters: {
            query: {
                certificateNumber: string;
                issuer: string;
                calibratedOn: string;
                dueOn: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/pdf": string;
                "image/png": string;
                "image/jpeg": string;
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalibrationCertificate"];
                };
            };
            /** @description Bad input. error.code: validation_failed, document_unsupported, document_corrupt, document_type_mismatch, calibrated_in_future, due_before_calibration, interval_over_a_year */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: box_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: certificate_exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBoxCertificateDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                certId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (application/pdf or image/png or image/jpeg) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/png": string;
                    "image/jpeg": string;
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: certificate_not_found, no_document */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getFacilityWeather: {
        parameters: {
            query?: {
                /** @description Hours ahead, 1–48 (default 6) */
                hours?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FacilityWeather"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listColdPauses: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pauses: components["schemas"]["ColdPause"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createColdPause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "until": "2026-07-15T12:00:00+08:00",
                 *       "reason": "Typhoon signal 8 over Tianhe"
                 *     }
                 */
                "application/json": {
                    /**
                     * Format: date-time
                     * @description Start (ISO 8601); default now
                     */
                    from?: string;
                    /**
                     * Format: date-time
                     * @description End (ISO 8601), exclusive; at most 72 h after the start
                     */
                    until: string;
                    /** @description Why (kept with the pause and in the audit trail), e.g. "typhoon signal 8" */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ColdPause"];
                };
            };
            /** @description Bad input. error.code: validation_failed, pause_period_invalid, pause_in_past, pause_too_long */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    liftColdPause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Why the change is made (kept in the audit trail) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ColdPause"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: cold_pause_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: cold_pause_ended */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDemandRoster: {
        parameters: {
            query?: {
                /** @description Local date to forecast; default tomorrow at the facility */
                date?: string;
                /** @description Share of orders to deliver within the promise, 0.5–0.999 (default 0.9) */
                target?: number;
                /** @description Promise in minutes, 10–240 (default 30) */
                promise?: number;
                /** @description Weeks of history for the same weekday, 2–12 (default 4) */
                weeks?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemandRoster"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBoxLifecycle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoxLifecycle"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: box_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    stepBoxLifecycle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "action": "seal",
                 *       "sealNumber": "GZ2026A00017"
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    action: "start_precool" | "stop_precool" | "pack" | "seal" | "return" | "clean" | "cleaned";
                    /** @description pack: the packing checklist, every item true */
                    checklist?: {
                        coolantIsolated: boolean;
                        productPlaced: boolean;
                        probePositioned: boolean;
                    };
                    /** @description seal: the number printed on the one-time seal, 6–20 letters and digits (case does not matter) */
                    sealNumber?: string;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoxLifecycle"];
                };
            };
            /** @description Bad input. error.code: validation_failed, checklist_incomplete, seal_number_required, seal_number_invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: box_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: transition_not_allowed, box_not_ready, box_not_precooled, seal_number_used, box_carrying */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAlarms: {
        parameters: {
            query?: {
                status?: "active" | "acknowledged" | "resolved";
                /** @description true = not resolved */
                open?: "true" | "false";
                boxId?: string;
                type?: string;
                severity?: "critical" | "major" | "minor" | "warning";
                facilityId?: string;
                shipmentId?: string;
                from?: string | null;
                to?: string | null;
                before?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alarms: components["schemas"]["Alarm"][];
                        nextBefore: string | null;
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAlarm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlarmDetail"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: alarm_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    acknowledgeAlarm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "note": "已联系骑手，冰排已更换，箱温回落中"
                 *     }
                 */
                "application/json": {
                    /** @description Who did what and why (kept with the alarm and in the audit trail) */
                    note: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "alm_3f9k2p",
                     *       "boxId": "box_th0007",
                     *       "type": "high_temperature",
                     *       "severity": "critical",
                     *       "status": "acknowledged",
                     *       "condition": "active",
                     *       "temperatureClass": "chilled",
                     *       "shipmentIds": [
                     *         "shp_4h8q2c"
                     *       ],
                     *       "facilityIds": [
                     *         "fac_tianhe01"
                     *       ],
                     *       "riderIds": [
                     *         "rdr_li01"
                     *       ],
                     *       "raisedAt": "2026-12-05T08:55:10.000Z",
                     *       "retrospective": false,
                     *       "details": {
                     *         "maxC": 9.4,
                     *         "limitC": 8,
                     *         "minutesAbove": 12
                     *       },
                     *       "occurrences": 1,
                     *       "clearedAt": null,
                     *       "createdAt": "2026-12-05T08:55:12.000Z",
                     *       "acknowledgedAt": "2026-12-05T08:57:40.000Z",
                     *       "acknowledgedBy": "usr_disp01",
                     *       "ackNote": "已联系骑手，冰排已更换，箱温回落中",
                     *       "resolvedAt": null,
                     *       "resolvedBy": null,
                     *       "resolveNote": null,
                     *       "escalationTier": 1,
                     *       "lastNotifiedAt": "2026-12-05T08:55:13.000Z",
                     *       "nextEscalationAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Alarm"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: alarm_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: alarm_not_active */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resolveAlarm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Who did what and why (kept with the alarm and in the audit trail) */
                    note: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alarm"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: alarm_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: alarm_already_resolved */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listReadings: {
        parameters: {
            query?: {
                boxId?: string;
                shipmentId?: string;
                from?: string | null;
                to?: string | null;
                /** @description Paging: device ts of the last reading of the previous page */
                after?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        readings: components["schemas"]["Reading"][];
                        nextAfter: string | null;
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed, filter_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listLatestBoxStates: {
        parameters: {
            query?: {
                boxId?: string;
                facilityId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        boxes: components["schemas"]["BoxState"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeadLetters: {
        parameters: {
            query?: {
                reason?: string;
                boxId?: string;
                from?: string | null;
                before?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deadLetters: {
                            id: number;
                            receivedAt: string;
                            topic: string;
                            boxId: string | null;
                            reason: string;
                            detail: string;
                            payloadBytes: number;
                            payloadBase64: string;
                        }[];
                        nextBefore: number | null;
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createAlarmContact: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    label: string;
                    phone?: string;
                    /** Format: email */
                    email?: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed, reason_required, address_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAlarmProfiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        profiles: {
                            facilityId: string;
                            productClass: string;
                            override?: unknown;
                            escalation?: unknown;
                        }[];
                    };
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setAlarmProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                facilityId: string;
                productClass: "chilled" | "frozen" | "ambient";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Profile keys to override (see telemetry/excursion/profile.ts), e.g. recipients, highDelayMs */
                    override: {
                        [key: string]: unknown;
                    };
                    /** @default [] */
                    escalation?: {
                        /** @description Minutes unacknowledged after the previous step before this tier is notified */
                        afterMin: number;
                        recipients: {
                            /** @enum {string} */
                            channel: "sms" | "email" | "push";
                            contactId: string;
                        }[];
                    }[];
                    /** @description Shortcut for override.recipients */
                    recipients?: {
                        /** @enum {string} */
                        channel: "sms" | "email" | "push";
                        contactId: string;
                    }[];
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        facilityId: string;
                        productClass: string;
                        profile: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed, reason_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    streamFeed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (text/event-stream) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listQaCases: {
        parameters: {
            query?: {
                status?: "open" | "acknowledged" | "investigated" | "disposed";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cases: components["schemas"]["QaCaseListItem"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getQaCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QaCaseDetail"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: qa_case_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    acknowledgeQaCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QaCase"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: qa_case_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: qa_transition_not_allowed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    investigateQaCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    rootCause: string;
                    capa: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QaCase"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: qa_case_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: qa_transition_not_allowed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    disposeQaCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    disposition: "release" | "reject";
                    /** @enum {string} */
                    rejectAction?: "destroy" | "return_to_supplier";
                    signature: components["schemas"]["SignatureInput"];
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QaCaseDetail"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, signature_invalid_credentials */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: qa_transition_not_allowed, same_signer, disposition_mismatch, record_changed_since_first_signature */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyQaSignatures: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QaSignatureCheck"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listChangeRequests: {
        parameters: {
            query?: {
                status?: "proposed" | "in_force" | "withdrawn";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changeRequests: components["schemas"]["ChangeRequest"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    proposeChangeRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    targetType: "alarm_profile";
                    facilityId: string;
                    /** @enum {string} */
                    productClass: "chilled" | "frozen" | "ambient";
                    override: {
                        [key: string]: unknown;
                    };
                    /** @default [] */
                    escalation?: {
                        /** @description Minutes unacknowledged after the previous step before this tier is notified */
                        afterMin: number;
                        recipients: {
                            /** @enum {string} */
                            channel: "sms" | "email" | "push";
                            contactId: string;
                        }[];
                    }[];
                    /** @description Why the change is made (kept in the audit trail) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description Bad input. error.code: validation_failed, reason_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    approveChangeRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    signature: components["schemas"]["SignatureInput"];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuditReview: {
        parameters: {
            query: {
                from: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditReview"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signOffAuditReview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    from: string;
                    /** Format: date-time */
                    to: string;
                    comment: string;
                    signature: components["schemas"]["SignatureInput"];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditReviewSignOff"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportTemperatureRecord: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemperatureRecord"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyTemperatureRecord: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemperatureRecordVerification"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTemperatureSummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemperatureSummary"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportTemperatureRecordArchive: {
        parameters: {
            query: {
                facilityId: string;
                /** @description Start: a date (YYYY-MM-DD, UTC, from 00:00) or an ISO date-time, inclusive */
                from: string;
                /** @description End: a date (YYYY-MM-DD, UTC; that whole day is included) or an ISO date-time, exclusive */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (application/x-tar) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-tar": string;
                };
            };
            /** @description Bad input. error.code: validation_failed, invalid_period, period_reversed, period_too_long */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    recordShipmentEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "action": "pick_up",
                 *       "boxId": "box_th0007",
                 *       "label": "https://track.example.cn/t/q8ZkV3nW5rT1",
                 *       "clientEventId": "evt-20261205-0851-01",
                 *       "deviceAt": "2026-12-05T16:51:02+08:00",
                 *       "location": {
                 *         "lat": 23.1347,
                 *         "lng": 113.3228
                 *       },
                 *       "accuracyM": 8
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    action: "arrive_pickup";
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                } | {
                    /** @enum {string} */
                    action: "pick_up";
                    boxId: string;
                    /** @description What the shipment label's QR holds (the tracking link), or the shipment id typed in */
                    label?: string;
                    riderId?: string;
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                } | {
                    /** @enum {string} */
                    action: "depart";
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                } | {
                    /** @enum {string} */
                    action: "arriving";
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                } | {
                    /** @enum {string} */
                    action: "deliver";
                    code?: string;
                    /** @description A door photo uploaded first with POST /shipments/{id}/pod/photo */
                    photoId?: string;
                    /** @description A signature image uploaded first with POST /shipments/{id}/pod/signature */
                    signatureId?: string;
                    /** @description The number on the box's seal, read at the door; a number other than the one the box was sealed with is refused (seal_mismatch) and recorded */
                    seal?: string;
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                } | {
                    /** @enum {string} */
                    action: "fail";
                    /** @enum {string} */
                    reason: "customer_absent" | "refused" | "wrong_address" | "cold_chain_breach" | "damaged";
                    /** @description A door photo uploaded first with POST /shipments/{id}/pod/photo */
                    photoId?: string;
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                } | {
                    /** @enum {string} */
                    action: "start_return";
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                } | {
                    /** @enum {string} */
                    action: "return";
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                } | {
                    /** @enum {string} */
                    action: "hand_over";
                    toRiderId?: string;
                    toFacilityId?: string;
                    boxId?: string;
                    /** @description Taking over a shipment offered to you (POST /shipments/{id}/handover-offers): what its label's QR holds, or the shipment id typed in; boxId is then the box it rides in from now on, paired with you */
                    label?: string;
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                } | {
                    /** @enum {string} */
                    action: "ready_for_pickup";
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                } | {
                    /** @enum {string} */
                    action: "collect";
                    code?: string;
                    /** @description A signature image uploaded first with POST /shipments/{id}/pod/signature */
                    signatureId?: string;
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                    /**
                     * Format: date-time
                     * @description When the rider acted, by the phone's clock
                     */
                    deviceAt?: string;
                    location?: {
                        lat: number;
                        lng: number;
                        /** @enum {string} */
                        crs?: "wgs84" | "gcj02" | "bd09";
                    };
                    accuracyM?: number;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "shipmentId": "shp_4h8q2c",
                     *       "orderId": "ord_7k2m9x",
                     *       "state": "picked_up",
                     *       "seq": 2,
                     *       "action": "pick_up",
                     *       "boxId": "box_th0007",
                     *       "compartments": [
                     *         {
                     *           "temperatureClass": "chilled",
                     *           "units": 2
                     *         }
                     *       ],
                     *       "holdoverMinutes": 240,
                     *       "warnings": []
                     *     }
                     */
                    "application/json": components["schemas"]["ShipmentEventAnswer"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_rider, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: shipment_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The step is not allowed in the shipment's state, or the event id was used by someone else. error.code: transition_not_allowed, shipment_ended, wrong_delivery_mode, client_event_id_reused, box_not_sealed, seal_mismatch */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getShipmentLifecycle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShipmentLifecycle"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_rider, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: shipment_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadProofOfDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                kind: "photo" | "signature";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "image/jpeg": string;
                "image/png": string;
                "image/webp": string;
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PodFile"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_rider, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: shipment_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: pod_not_now */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProofOfDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        files: components["schemas"]["PodFile"][];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProofOfDeliveryFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                fileId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (image/jpeg or image/png or image/webp) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    offerHandover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The rider who is to take the shipment over (they accept it on their phone by scanning its label and their box) */
                    toRiderId: string;
                    /** @description The app's own id for this event: sending it again replays the first answer (offline queues) */
                    clientEventId?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HandoverOffer"];
                };
            };
            /** @description Bad input. error.code: validation_failed, handover_to_self */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_rider */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: shipment_not_found, rider_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The shipment is not being carried by a rider. error.code: transition_not_allowed, shipment_ended, not_in_custody */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOwnHandoverOffers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incoming: components["schemas"]["HandoverOffer"][];
                        outgoing: components["schemas"]["HandoverOffer"][];
                    };
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: rider_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reissueDeliveryCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Why the change is made (kept in the audit trail) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        shipmentId: string;
                        /** @enum {boolean} */
                        reissued: true;
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed, reason_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: shipment_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: no_code_now */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    recordRiderPositions: {
        parameters: {
            query?: {
                /** @description Admin only: the rider the fixes belong to */
                riderId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "positions": [
                 *         {
                 *           "at": "2026-12-05T16:52:00+08:00",
                 *           "lat": 23.1339,
                 *           "lng": 113.3221,
                 *           "crs": "gcj02",
                 *           "accuracyM": 6,
                 *           "speedMps": 5.2,
                 *           "headingDeg": 190
                 *         },
                 *         {
                 *           "at": "2026-12-05T16:52:05+08:00",
                 *           "lat": 23.1337,
                 *           "lng": 113.322,
                 *           "crs": "gcj02",
                 *           "accuracyM": 650
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    positions: {
                        /**
                         * Format: date-time
                         * @description Device time of the fix (ISO 8601 with offset)
                         */
                        at: string;
                        lat: number;
                        lng: number;
                        /**
                         * @description Datum of lat/lng (default wgs84); stored as WGS-84
                         * @enum {string}
                         */
                        crs?: "wgs84" | "gcj02" | "bd09";
                        /** @description Horizontal accuracy, metres (worse than 500 m is flagged low_accuracy) */
                        accuracyM: number;
                        speedMps?: number;
                        headingDeg?: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "riderId": "rdr_li01",
                     *       "accepted": 2,
                     *       "flagged": 1,
                     *       "results": [
                     *         {
                     *           "index": 0,
                     *           "accepted": true
                     *         },
                     *         {
                     *           "index": 1,
                     *           "accepted": true,
                     *           "flag": "low_accuracy"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        riderId: string;
                        accepted: number;
                        flagged: number;
                        results: {
                            index: number;
                            accepted: boolean;
                            /** @enum {string} */
                            flag?: "future_time" | "impossible_jump" | "outside_network" | "low_accuracy";
                        }[];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed, rider_id_required */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, no_rider, other_rider */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPublicTracking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        orderStatus: string;
                        deliveryMode: string;
                        ended: boolean;
                        shipments: {
                            id: string;
                            /** @enum {string} */
                            state: "planned" | "assigned" | "at_pickup" | "picked_up" | "in_transit" | "arriving" | "delivered" | "failed" | "returning" | "returned" | "cancelled" | "ready_for_pickup" | "collected";
                            eta: string | null;
                            window: {
                                start: string | null;
                                end: string;
                            };
                            /** @enum {string} */
                            temperatureClass: "chilled" | "frozen" | "ambient";
                            coldChain: {
                                /** @enum {string} */
                                status: "kept_in_range" | "no_record" | "under_review" | "released" | "rejected";
                                /** @description °C */
                                limits: {
                                    low: number;
                                    high: number;
                                };
                                readings: number;
                                /** @description At most 100 time slices, each with its lowest and highest probe value (°C) */
                                curve: {
                                    at: string;
                                    min: number;
                                    max: number;
                                }[];
                            } | null;
                            /** @description Only while the shipment is carried (picked_up, in_transit, arriving); positions rounded to 0.001° (~100 m) */
                            map: {
                                rider: {
                                    lat: number;
                                    lng: number;
                                    at: string;
                                } | null;
                                destination: {
                                    lat: number;
                                    lng: number;
                                };
                            } | null;
                            storage: {
                                temperatureClass: string;
                                rx: boolean;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: tracking_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests. error.code: rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getShipmentLabel: {
        parameters: {
            query?: {
                format?: "html" | "svg" | "png";
                lang?: "zh-CN" | "en";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (text/html or image/svg+xml or image/png) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "image/svg+xml": string;
                    "image/png": string;
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: shipment_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTemperatureReportPdf: {
        parameters: {
            query?: {
                /** @description Language of the report (times are printed in the facility's zone and in UTC either way) */
                lang?: "zh-CN" | "en";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (application/pdf) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: shipment_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: no_temperature_record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTemperatureReportCsv: {
        parameters: {
            query?: {
                /** @description Language of the report (times are printed in the facility's zone and in UTC either way) */
                lang?: "zh-CN" | "en";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (text/csv) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: shipment_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict. error.code: no_temperature_record */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getKpis: {
        parameters: {
            query?: {
                /** @description The local day (YYYY-MM-DD) in the facility's zone, or the default zone for all facilities; default today */
                date?: string;
                facilityId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Kpis"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store, no_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getKpisCsv: {
        parameters: {
            query?: {
                /** @description The local day (YYYY-MM-DD) in the facility's zone, or the default zone for all facilities; default today */
                date?: string;
                facilityId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (text/csv) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store, no_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getLanes: {
        parameters: {
            query?: {
                /** @description First local day (YYYY-MM-DD) in the facility's zone, or the default zone for all facilities; default 6 days before `to` */
                from?: string;
                /** @description Last local day (YYYY-MM-DD), included; default today */
                to?: string;
                /** @description Lane dimension: facility, area (the delivery point's ~1 km cell, named by its centre), hour (local hour the shipment left the facility), rider, box (box kind) */
                by?: "facility" | "area" | "hour" | "rider" | "box";
                facilityId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lanes"];
                };
            };
            /** @description Bad input. error.code: validation_failed, invalid_period, period_reversed, period_too_long */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store, no_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getLanesCsv: {
        parameters: {
            query?: {
                /** @description First local day (YYYY-MM-DD) in the facility's zone, or the default zone for all facilities; default 6 days before `to` */
                from?: string;
                /** @description Last local day (YYYY-MM-DD), included; default today */
                to?: string;
                /** @description Lane dimension: facility, area (the delivery point's ~1 km cell, named by its centre), hour (local hour the shipment left the facility), rider, box (box kind) */
                by?: "facility" | "area" | "hour" | "rider" | "box";
                facilityId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (text/csv) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Bad input. error.code: validation_failed, invalid_period, period_reversed, period_too_long */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden, other_store, no_store */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found. error.code: facility_not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listNotificationsSent: {
        parameters: {
            query?: {
                limit?: number;
                channel?: "sms" | "email";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationsSent"];
                };
            };
            /** @description Bad input. error.code: validation_failed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in. error.code: authentication_required, invalid_session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed. error.code: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Other client errors */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
