/**
 * Generated from openapi.json by openapi-typescript (`make api-types`). Do not edit by hand.
 */

export interface paths {
    "/api/accounts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Create an account with a one-time password (shown once; changed at first login): a
         *     project's managers into their project with a role, site admins with or without a project.
         */
        post: operations["accounts_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/csrf/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["auth_csrf_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Session login for the browser app, which sends the CSRF token on every unsafe request. */
        post: operations["auth_login_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description End the session, and revoke the API token the request was made with. */
        post: operations["auth_logout_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["auth_me_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Change your password (the current one is checked, and failures count toward the login
         *     lockout); lifts the restriction of a one-time password; revokes your other API tokens and
         *     ends your other sessions.
         */
        post: operations["auth_password_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description Who is logged in, if anyone: `{"user": null}` when nobody is (never a 401), so the browser app
         *     learns it on every page load without an error; `/api/auth/me/` keeps answering 401 to scripts.
         */
        get: operations["auth_session_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Log in for an API token (scripts, the SDK and CLI). Each login makes a new token, valid
         *     REST_KNOX["TOKEN_TTL"] (MASKLET_TOKEN_TTL_HOURS); the key is shown only in this answer.
         */
        post: operations["auth_token_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/tokens/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Your API tokens: list them, make one (for a script or the CLI), or revoke them all. */
        get: operations["auth_tokens_list"];
        put?: never;
        /** @description Your API tokens: list them, make one (for a script or the CLI), or revoke them all. */
        post: operations["auth_tokens_create"];
        /** @description Your API tokens: list them, make one (for a script or the CLI), or revoke them all. */
        delete: operations["auth_tokens_revoke_all"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/tokens/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["auth_tokens_destroy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/{key}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description An invitation link: what it invites to (anyone holding it), and its acceptance: a new
         *     account (username and password) joins the project, or a logged-in user joins as themselves.
         */
        get: operations["invitations_retrieve"];
        put?: never;
        /**
         * @description An invitation link: what it invites to (anyone holding it), and its acceptance: a new
         *     account (username and password) joins the project, or a logged-in user joins as themselves.
         */
        post: operations["invitations_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/issues/{id}/": {
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
        patch: operations["issues_partial_update"];
        trace?: never;
    };
    "/api/issues/{id}/comments/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["issues_comments_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["jobs_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/cancel/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["jobs_cancel_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/download/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The file an export job wrote; members of the project only. 410 once the file expired. */
        get: operations["jobs_download_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/labels/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["labels_destroy"];
        options?: never;
        head?: never;
        patch: operations["labels_partial_update"];
        trace?: never;
    };
    "/api/masklets/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["masklets_retrieve"];
        put?: never;
        post?: never;
        delete: operations["masklets_destroy"];
        options?: never;
        head?: never;
        patch: operations["masklets_partial_update"];
        trace?: never;
    };
    "/api/masklets/{id}/masks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["masklets_masks_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/masklets/{id}/masks/{frame}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["masklets_masks_update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/masklets/{id}/prompts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A click or a box on a frame; answers synchronously with that frame's mask. */
        post: operations["masklets_prompts_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["projects_list"];
        put?: never;
        post: operations["projects_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["projects_retrieve"];
        put?: never;
        post?: never;
        delete: operations["projects_destroy"];
        options?: never;
        head?: never;
        patch: operations["projects_partial_update"];
        trace?: never;
    };
    "/api/projects/{id}/effort/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["projects_effort_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/effort.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The same rows as a CSV file, one line per group, the columns of the JSON rows. */
        get: operations["projects_effort.csv_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/exports/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Past exports of the project, newest first (who, when, format, filters, size, expiry). */
        get: operations["projects_exports_list"];
        put?: never;
        /** @description Start an export: what the project's delivery policy accepts, narrowed by the filters. */
        post: operations["projects_exports_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/invitations/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A project's pending invitations (managers), and new ones: single-use links with a role. */
        get: operations["projects_invitations_list"];
        put?: never;
        /** @description A project's pending invitations (managers), and new ones: single-use links with a role. */
        post: operations["projects_invitations_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/invitations/{invitation_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["projects_invitations_destroy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/labels/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["projects_labels_list"];
        put?: never;
        post: operations["projects_labels_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/members/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["projects_members_list"];
        put?: never;
        post: operations["projects_members_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/members/{membership_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["projects_members_destroy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/quality-report/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description J&F of annotators' masklets against the project's ground-truth videos (managers and
         *     reviewers), per group, annotator, task and overall; `?annotator=`, `?task=`, `?video=` narrow it.
         */
        get: operations["projects_quality_report_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/review-queue/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Masklets of the project with QA flags, riskiest first. */
        get: operations["projects_review_queue_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/tasks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["projects_tasks_list"];
        put?: never;
        post: operations["projects_tasks_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/videos/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["projects_videos_list"];
        put?: never;
        post: operations["projects_videos_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/webhooks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["projects_webhooks_list"];
        put?: never;
        /** @description Register a webhook; the answer holds its signing secret, shown this once. */
        post: operations["projects_webhooks_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/status/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description Which inference backends serve this installation, per queue, as the live workers announce
         *     them (backend, model, checkpoint SHA-256, device, dtype); `backend_label` is what answers clicks;
         *     `roles`: the model mapped to each role and whether a live worker serves it.
         */
        get: operations["status_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Tasks visible to the user; `?mine=1` gives the user's own queue (assignee or reviewer). */
        get: operations["tasks_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["tasks_retrieve"];
        put?: never;
        post?: never;
        delete: operations["tasks_destroy"];
        options?: never;
        head?: never;
        patch: operations["tasks_partial_update"];
        trace?: never;
    };
    "/api/tasks/{id}/activity/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The task's activity feed: creation, state changes (with the reviewer's comments) and messages. */
        get: operations["tasks_activity_list"];
        put?: never;
        /** @description The task's activity feed: creation, state changes (with the reviewer's comments) and messages. */
        post: operations["tasks_activity_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/transitions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["tasks_transitions_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description Active users (id, username) who share a project with you, to pick members, assignees and
         *     reviewers; site admins see every user.
         */
        get: operations["users_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["videos_retrieve"];
        put?: never;
        post?: never;
        delete: operations["videos_destroy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/activity/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The workspace's heartbeat while someone looks at frames without clicking (active time). */
        post: operations["videos_activity_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/automasklets/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["videos_automasklets_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/concepts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A concept prompt (text): proposals of every instance in a frame range, as a concept job. */
        post: operations["videos_concepts_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/evaluations/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description POST {"reference": [masklet ids], "candidate": [masklet ids], "pairs": [[ref, cand], ...]}
         *     → J, F and J&F (x100) per pair over the video's frames, and their means (protocol "sav" by
         *     default: the official SA-V evaluator's; "all-objects" scores every frame).
         */
        post: operations["videos_evaluations_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/frames/{index}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["videos_frames_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/ground-truth/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The ground-truth masklets; an empty list when the video is not ground truth. */
        get: operations["videos_ground_truth_retrieve"];
        /** @description A video's ground-truth mark: GET (members), PUT to mark or re-mark, DELETE (managers). */
        put: operations["videos_ground_truth_update"];
        post?: never;
        /** @description A video's ground-truth mark: GET (members), PUT to mark or re-mark, DELETE (managers). */
        delete: operations["videos_ground_truth_destroy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/imports/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["videos_imports_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/issues/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["videos_issues_list"];
        put?: never;
        post: operations["videos_issues_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/jobs/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["videos_jobs_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/masklets/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["videos_masklets_list"];
        put?: never;
        post: operations["videos_masklets_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/masks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Masks of every masklet of the video in a frame window (end inclusive). */
        get: operations["videos_masks_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/propagations/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["videos_propagations_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/qa-flags/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description GET: the video's QA flags (optionally `?masklet=`); POST: run its QA now (a cpu job). */
        get: operations["videos_qa_flags_list"];
        put?: never;
        /** @description Queue a QA run (or answer the one already queued). */
        post: operations["videos_qa_flags_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/thumbnail/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["videos_thumbnail_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/videos/{id}/timeline/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["videos_timeline_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["webhooks_destroy"];
        options?: never;
        head?: never;
        patch: operations["webhooks_partial_update"];
        trace?: never;
    };
    "/api/webhooks/{id}/deliveries/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The webhook's delivery log, newest first: status code, attempts, last error. */
        get: operations["webhooks_deliveries_list"];
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
        AccountInRequest: {
            username: string;
            /** @description project to join (managers must give one they manage) */
            project?: number | null;
            role?: (components["schemas"]["RoleEnum"] | components["schemas"]["NullEnum"]) | null;
        };
        /** @description A new account: `one_time_password` is shown this once and must be changed at first login. */
        AccountOut: {
            readonly id: number;
            readonly username: string;
            readonly one_time_password: string;
        };
        /**
         * @description * `start` - start
         *     * `submit` - submit
         *     * `accept` - accept
         *     * `reject` - reject
         * @enum {string}
         */
        ActionEnum: "start" | "submit" | "accept" | "reject";
        ActivityInRequest: {
            frame: number;
        };
        /** @description A token as its owner lists it: never the key, only its first characters (`prefix`). */
        ApiTokenOut: {
            readonly id: number;
            readonly name: string;
            /** @description the key's first characters */
            readonly prefix: string;
            /** Format: date-time */
            readonly created: string;
            /** Format: date-time */
            readonly expiry: string | null;
            /** Format: date-time */
            readonly last_used: string | null;
            /** @description the token this request was made with */
            readonly current: boolean;
        };
        /** @description One attribute of a label (annotation/services/attributes.py checks the list). */
        AttributeSpec: {
            name: string;
            type: components["schemas"]["TypeEnum"];
            options?: string[];
        };
        /** @description One attribute of a label (annotation/services/attributes.py checks the list). */
        AttributeSpecRequest: {
            name: string;
            type: components["schemas"]["TypeEnum"];
            options?: string[];
        };
        /**
         * @description Automatic masklets, after the SA-V data engine: a 32x32 point grid on the key frame,
         *     16x16 on each of 4 crops, 4x4 on each of 16 crops.
         */
        AutomaskSettings: {
            /** @description points per side of the grid of each crop layer (the full frame first) */
            points_per_side?: number[];
            /**
             * @description crop layers used beyond the full frame
             * @default 2
             */
            crop_n_layers?: number;
            /**
             * @description drop masks whose predicted IoU is lower
             * @default 0.8
             */
            pred_iou_thresh?: number;
            /**
             * @description drop masks less stable than this
             * @default 0.9
             */
            stability_score_thresh?: number;
            /**
             * @description box IoU above which duplicates are removed
             * @default 0.7
             */
            box_nms_thresh?: number;
            /**
             * @description smallest mask kept (px)
             * @default 64
             */
            min_mask_region_area?: number;
            /**
             * @description automatic masklets created at most
             * @default 50
             */
            max_masklets?: number;
            /**
             * @description annotated-frame index the proposals are made on
             * @default 0
             */
            key_frame?: number;
            /**
             * @description key frames every N frames either side of key_frame propose objects that enter later (0: key_frame only)
             * @default 0
             */
            key_frame_every?: number;
            /**
             * @description a proposal whose mask IoU with a mask already on its key frame exceeds this is dropped; null: the deployment's MASKLET_AUTOMASK_DEDUP_IOU
             * @default null
             */
            dedup_iou?: number | null;
            /**
             * @description frames the proposals are propagated per direction; null: to the video's ends
             * @default null
             */
            max_frames?: number | null;
        };
        /** @description A job's overrides of the project's automask settings, in the same ranges (annotation/project_settings.py). */
        AutomaskletsInRequest: {
            key_frame?: number;
            points_per_side?: number[];
            crop_n_layers?: number;
            /** Format: double */
            pred_iou_thresh?: number;
            /** Format: double */
            stability_score_thresh?: number;
            max_masklets?: number;
            max_frames?: number | null;
            /** @description key frames every N frames either side of key_frame (0: key_frame only) */
            key_frame_every?: number;
            /**
             * Format: double
             * @description a proposal whose mask IoU with a mask already on its key frame exceeds this is dropped
             */
            dedup_iou?: number | null;
            /**
             * @description model role (rapid, accurate, concept) the operator maps to an installed model; omitted: the project's default role (GET /api/status/ lists the roles)
             *
             *     * `rapid` - rapid
             *     * `accurate` - accurate
             *     * `concept` - concept
             */
            role?: (components["schemas"]["ModelRoleEnum"] | components["schemas"]["NullEnum"]) | null;
        };
        /**
         * @description * `sam2` - sam2
         *     * `edgetam` - edgetam
         *     * `sam3` - sam3
         *     * `opencv` - opencv
         * @enum {string}
         */
        BackendEnum: "sam2" | "edgetam" | "sam3" | "opencv";
        CommentInRequest: {
            text: string;
        };
        CommentOut: {
            readonly id: number;
            readonly author: string | null;
            readonly text: string;
            /** Format: date-time */
            readonly created_at: string;
        };
        /** @description A concept prompt: every instance of `text` in the frame range becomes a proposal masklet. */
        ConceptInRequest: {
            /** @description a noun phrase, e.g. "red car" (1 to 200 characters) */
            text: string;
            /** @description label of the proposals */
            label?: number | null;
            /** @description default 0 */
            first_frame?: number | null;
            /** @description inclusive; default the video's last frame */
            last_frame?: number | null;
            /**
             * @description model role; default concept
             *
             *     * `rapid` - rapid
             *     * `accurate` - accurate
             *     * `concept` - concept
             */
            role?: (components["schemas"]["ModelRoleEnum"] | components["schemas"]["NullEnum"]) | null;
        };
        /** @description Concept prompts ("Find all…": every instance of a noun phrase, SAM 3). */
        ConceptSettings: {
            /**
             * @description instances the model scores below this on a frame are left out there
             * @default 0.5
             */
            score_threshold?: number;
            /**
             * @description an instance whose mask IoU with a mask already on the frame where it appears exceeds this is not proposed; null: the deployment's MASKLET_CONCEPT_DEDUP_IOU
             * @default null
             */
            dedup_iou?: number | null;
        };
        /** @enum {string} */
        DefaultRoleEnum: "rapid" | "accurate";
        /** @description What an export may hold (annotation/services/delivery_policy.py). */
        DeliverySettings: {
            /**
             * @description verified_or_accepted: verified masklets, and masklets' frames in tasks a reviewer accepted; verified: verified masklets only; not_rejected: all but rejected masklets. Pending proposals never.
             * @default verified_or_accepted
             */
            policy?: components["schemas"]["PolicyEnum"];
        };
        /**
         * @description * `pending` - Pending
         *     * `succeeded` - Succeeded
         *     * `failed` - Failed
         * @enum {string}
         */
        DeliveryStatusEnum: "pending" | "succeeded" | "failed";
        DetailOut: {
            readonly detail: string;
        };
        /**
         * @description * `forward` - forward
         *     * `backward` - backward
         *     * `both` - both
         * @enum {string}
         */
        DirectionEnum: "forward" | "backward" | "both";
        EffortOut: {
            group: components["schemas"]["GroupEnum"];
            /**
             * @description own: a non-manager sees only their own work
             *
             *     * `project` - project
             *     * `own` - own
             */
            scope: components["schemas"]["ScopeEnum"];
            rows: components["schemas"]["EffortRowOut"][];
        };
        EffortRowOut: {
            /** @description user id, task id (null: outside tasks), ISO day or project id */
            key: string | null;
            label: string;
            /**
             * Format: double
             * @description gaps of 60 s or less between interactions
             */
            active_seconds: number;
            /** @description distinct (masklet, frame) pairs made by hand or propagation */
            annotated_frames: number;
            hand_frames: number;
            propagated_frames: number;
            clicks: number;
            corrections: number;
            edits: number;
            propagations: number;
            masklets: number;
            /** Format: double */
            clicks_per_masklet: number | null;
            /** Format: double */
            corrections_per_masklet: number | null;
            /**
             * Format: double
             * @description active seconds per annotated frame
             */
            seconds_per_frame: number | null;
        };
        /** @description The body of every error answer. */
        Error: {
            /** @description what went wrong, in words a user understands */
            detail: string;
            /** @description for bad input: each field's messages, nested as the input is (e.g. settings.postprocess.open_px) */
            errors?: {
                [key: string]: unknown;
            };
        };
        EvaluationInRequest: {
            reference: number[];
            candidate: number[];
            pairs?: number[][] | null;
            /**
             * @description sav (default): the official SA-V evaluator's rules, each pair scored from the first frame where either masklet has a mask; all-objects: every frame of the video
             *
             *     * `sav` - sav
             *     * `all-objects` - all-objects
             * @default sav
             */
            protocol?: components["schemas"]["ProtocolEnum"];
        };
        EvaluationOut: {
            video: number;
            protocol: string;
            frames: number;
            pairs: components["schemas"]["EvaluationPairOut"][];
            /** Format: double */
            j: number | null;
            /** Format: double */
            f: number | null;
            /** Format: double */
            jf: number | null;
        };
        EvaluationPairOut: {
            reference: number;
            candidate: number;
            reference_number: number;
            candidate_number: number;
            /** Format: double */
            j: number | null;
            /** Format: double */
            f: number | null;
            /** Format: double */
            jf: number | null;
            frames: number;
        };
        /** @description The filters an export was started with (exports from before delivery policies lack some). */
        ExportFiltersOut: {
            /** @default false */
            readonly only_verified: boolean;
            readonly videos: number[];
            readonly labels: number[];
            readonly statuses: string[];
            readonly task_states: string[];
            readonly frame_start: number | null;
            readonly frame_end: number | null;
        };
        ExportInRequest: {
            format: components["schemas"]["FormatEnum"];
            /** @default false */
            only_verified?: boolean;
            videos?: number[];
            labels?: number[];
            /** @description only masklets with one of these statuses (within what the delivery policy accepts) */
            statuses?: components["schemas"]["MaskletStatusEnum"][];
            /** @description only frames inside tasks in one of these states */
            task_states?: components["schemas"]["TaskStateEnum"][];
            /** @description first annotated frame (inclusive) */
            frame_start?: number | null;
            /** @description last annotated frame (inclusive) */
            frame_end?: number | null;
        };
        /** @description A past export from `selectors.exports.exports_of_project` (which annotates `expires_at`). */
        ExportOut: {
            readonly id: number;
            readonly job: number;
            readonly status: string;
            /** Format: double */
            readonly progress: number;
            readonly error: string;
            readonly format: string;
            readonly policy: string;
            readonly filters: components["schemas"]["ExportFiltersOut"];
            readonly masklet_count: number | null;
            readonly frame_mask_count: number | null;
            readonly size_bytes: number | null;
            readonly created_by: string | null;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly finished_at: string | null;
            /** Format: date-time */
            readonly expires_at: string | null;
            readonly expired: boolean;
            /** Format: date-time */
            readonly expired_at: string | null;
            readonly download_url: string | null;
        };
        /**
         * @description * `sav` - sav
         *     * `coco` - coco
         *     * `davis` - davis
         * @enum {string}
         */
        FormatEnum: "sav" | "coco" | "davis";
        GroundTruthInRequest: {
            /** @description the ground-truth masklets; default: every masklet the video has now */
            masklets?: number[] | null;
        };
        GroundTruthOut: {
            video: number;
            /** @description empty: the video is not ground truth */
            masklets: number[];
            marked_by: number | null;
            /** Format: date-time */
            marked_at: string | null;
        };
        /**
         * @description * `annotator` - annotator
         *     * `task` - task
         *     * `day` - day
         *     * `project` - project
         * @enum {string}
         */
        GroupEnum: "annotator" | "task" | "day" | "project";
        /**
         * @description * `cached` - cached
         *     * `computed` - computed
         * @enum {string}
         */
        ImageFeaturesEnum: "cached" | "computed";
        ImportInRequest: {
            /** Format: binary */
            file: string;
            format: components["schemas"]["FormatEnum"];
        };
        /** @description A new account's username and password; empty when a logged-in user joins as themselves. */
        InvitationAcceptInRequest: {
            username?: string;
            password?: string;
        };
        InvitationInRequest: {
            role: components["schemas"]["RoleEnum"];
            /**
             * @description who it is for (shown to managers)
             * @default
             */
            note?: string;
        };
        InvitationOut: {
            readonly id: number;
            readonly role: components["schemas"]["RoleEnum"];
            readonly note: string;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly expires_at: string;
            readonly created_by: string | null;
        };
        /** @description What an invitation link tells whoever holds it. */
        InvitationPublicOut: {
            readonly project_name: string;
            readonly role: components["schemas"]["RoleEnum"];
            /** Format: date-time */
            readonly expires_at: string;
            readonly invited_by: string | null;
        };
        IssueInRequest: {
            frame: number;
            masklet?: number | null;
            position?: number[] | null;
            text: string;
        };
        IssueOut: {
            readonly id: number;
            readonly video: number;
            readonly frame: number;
            readonly masklet: number | null;
            /** @description [x, y] in pixels of the original video */
            readonly position: number[] | null;
            readonly text: string;
            readonly resolved: boolean;
            readonly author: string | null;
            /** Format: date-time */
            readonly created_at: string;
            readonly comments: components["schemas"]["CommentOut"][];
        };
        /** @description A job from `selectors.jobs.jobs_for`, which annotates `queue_position`. */
        JobOut: {
            readonly id: number;
            readonly kind: components["schemas"]["JobOutKindEnum"];
            readonly status: components["schemas"]["JobOutStatusEnum"];
            /** @description while the job waits: its place among the jobs waiting on its queue (1 = next); null once it runs */
            readonly queue_position: number | null;
            /** Format: double */
            readonly progress: number;
            readonly error: string;
            readonly result: {
                [key: string]: unknown;
            };
            readonly params: {
                [key: string]: unknown;
            };
            readonly project: number;
            readonly video: number | null;
            readonly cancel_requested: boolean;
            readonly attempts: number;
            readonly created_by: number | null;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly started_at: string | null;
            /** Format: date-time */
            readonly finished_at: string | null;
            /** @description the model of the worker that ran it (model queues) */
            readonly provenance: components["schemas"]["ProvenanceOut"] | null;
        };
        /**
         * @description * `ingest` - Ingest
         *     * `segment` - Segment
         *     * `propagate` - Propagate
         *     * `automask` - Automask
         *     * `export` - Export
         *     * `import` - Import
         *     * `qa` - Qa
         *     * `concept` - Concept
         * @enum {string}
         */
        JobOutKindEnum: "ingest" | "segment" | "propagate" | "automask" | "export" | "import" | "qa" | "concept";
        /**
         * @description * `queued` - Queued
         *     * `running` - Running
         *     * `succeeded` - Succeeded
         *     * `failed` - Failed
         *     * `cancelled` - Cancelled
         * @enum {string}
         */
        JobOutStatusEnum: "queued" | "running" | "succeeded" | "failed" | "cancelled";
        JobRef: {
            readonly job: number;
        };
        JoinedOut: {
            /** @description the user's id */
            readonly id: number;
            readonly username: string;
            readonly project: number;
            readonly role: components["schemas"]["RoleEnum"];
        };
        LabelInRequest: {
            name: string;
            /** @default #e6194b */
            color?: string;
            attributes?: components["schemas"]["AttributeSpecRequest"][];
        };
        LabelOut: {
            readonly id: number;
            readonly name: string;
            readonly color: string;
            readonly attributes: components["schemas"]["AttributeSpec"][];
        };
        LiveWorkerOut: {
            readonly name: string;
            readonly provenance: components["schemas"]["ProvenanceOut"] | null;
        };
        LoginInRequest: {
            username: string;
            password: string;
        };
        /** @description Credentials, and a name to recognise the token by in the token list. */
        LoginTokenInRequest: {
            username: string;
            password: string;
            /** @default  */
            name?: string;
        };
        /** @description 409 of a mask edit made on a stale version: the mask as it is now (null: none any more). */
        MaskConflictOut: {
            readonly detail: string;
            readonly current: components["schemas"]["MaskPayloadOut"] | null;
        };
        MaskOut: {
            readonly masklet: number;
            readonly frame: number;
            readonly rle: components["schemas"]["Rle"];
            /** @description [x, y, width, height] in pixels (COCO); zeros for an empty mask */
            readonly bbox: number[];
            readonly area: number;
            readonly source: components["schemas"]["SourceEnum"];
            /** Format: double */
            readonly score: number | null;
            readonly version: number;
            /** @description id of the model that produced this mask (the `provenance` of its job, of a click's answer and of the export manifest's `provenance.models`); null: a person's edit or an import */
            readonly provenance: number | null;
        };
        /** @description A stored mask as services.masklets.mask_payload gives it (MaskOut without the score). */
        MaskPayloadOut: {
            readonly masklet: number;
            readonly frame: number;
            readonly rle: components["schemas"]["Rle"];
            /** @description [x, y, width, height] in pixels (COCO); zeros for an empty mask */
            readonly bbox: number[];
            readonly area: number;
            readonly source: components["schemas"]["SourceEnum"];
            readonly version: number;
            /** @description id of the model that produced this mask (the `provenance` of its job, of a click's answer and of the export manifest's `provenance.models`); null: a person's edit or an import */
            readonly provenance: number | null;
        };
        MaskPutRequest: {
            rle: components["schemas"]["RleRequest"];
            version?: number | null;
        };
        MaskletInRequest: {
            label?: number | null;
            /** @default  */
            name?: string;
        };
        MaskletOut: {
            readonly id: number;
            readonly video: number;
            readonly number: number;
            readonly name: string;
            readonly label: number | null;
            /** @description values of its label's attributes */
            readonly attributes: {
                [key: string]: unknown;
            };
            readonly status: components["schemas"]["MaskletStatusEnum"];
            readonly origin: components["schemas"]["OriginEnum"];
            readonly concept: string;
            readonly version: number;
            readonly created_by: number | null;
            readonly review_comment: string;
            readonly reviewed_by: number | null;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly updated_at: string;
        };
        /**
         * @description * `draft` - draft
         *     * `needs_verification` - needs_verification
         *     * `verified` - verified
         *     * `rejected` - rejected
         * @enum {string}
         */
        MaskletPatchStatusEnum: "draft" | "needs_verification" | "verified" | "rejected";
        /**
         * @description * `draft` - Draft
         *     * `needs_verification` - Needs Verification
         *     * `verified` - Verified
         *     * `rejected` - Rejected
         * @enum {string}
         */
        MaskletStatusEnum: "draft" | "needs_verification" | "verified" | "rejected";
        MeOut: {
            readonly id: number;
            readonly username: string;
            /** @description a site admin (README, Security) */
            readonly is_staff: boolean;
            /** @description holds a one-time password: every call but a password change is refused */
            readonly password_change_required: boolean;
        };
        MemberInRequest: {
            /** @description user id or username */
            user: unknown;
            role: components["schemas"]["RoleEnum"];
        };
        MemberOut: {
            readonly id: number;
            readonly user: components["schemas"]["UserOut"];
            readonly role: components["schemas"]["RoleEnum"];
        };
        /**
         * @description * `rapid` - rapid
         *     * `accurate` - accurate
         *     * `concept` - concept
         * @enum {string}
         */
        ModelRoleEnum: "rapid" | "accurate" | "concept";
        /**
         * @description Which model role answers the project's clicks, propagations and automatic masklets when a
         *     request names none (annotation/jobs/routing.py; the operator maps roles to models).
         */
        ModelSettings: {
            /**
             * @description rapid (fast, e.g. EdgeTAM) or accurate (e.g. SAM 2.1) for clicks and jobs that name no role; null: any worker (the deployment's shared queues)
             * @default null
             */
            default_role?: components["schemas"]["DefaultRoleEnum"] | null;
        };
        /** @description An invitation just made: `url` is the single-use link, shown this once. */
        NewInvitationOut: {
            readonly id: number;
            readonly role: components["schemas"]["RoleEnum"];
            readonly note: string;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly expires_at: string;
            readonly created_by: string | null;
            readonly url: string;
        };
        /** @description A token just made: `token` is the key, shown this once (only its digest is stored). */
        NewTokenOut: {
            readonly id: number;
            readonly token: string;
            readonly name: string;
            /** Format: date-time */
            readonly created: string;
            /** Format: date-time */
            readonly expiry: string | null;
        };
        /** @enum {unknown} */
        NullEnum: null;
        /**
         * @description * `manual` - Manual
         *     * `auto` - Auto
         *     * `imported` - Imported
         *     * `concept` - Concept
         * @enum {string}
         */
        OriginEnum: "manual" | "auto" | "imported" | "concept";
        PasswordChangeInRequest: {
            current_password: string;
            new_password: string;
        };
        PatchedIssuePatchRequest: {
            resolved?: boolean;
            text?: string;
        };
        PatchedLabelPatchRequest: {
            name?: string;
            color?: string;
            attributes?: components["schemas"]["AttributeSpecRequest"][];
        };
        PatchedMaskletPatchRequest: {
            label?: number | null;
            name?: string;
            /** @description values of the label's attributes to set, {name: text, option or true/false} */
            attributes?: {
                [key: string]: unknown;
            };
            status?: components["schemas"]["MaskletPatchStatusEnum"];
            /** @default  */
            comment?: string;
        };
        PatchedProjectPatchRequest: {
            name?: string;
            description?: string;
            /** Format: double */
            annotation_fps?: number | null;
            settings?: components["schemas"]["ProjectSettings"];
        };
        PatchedTaskPatchRequest: {
            frame_start?: number;
            frame_end?: number | null;
            assignee?: number | null;
            reviewer?: number | null;
        };
        PatchedWebhookInRequest: {
            /** Format: uri */
            url?: string;
            events?: components["schemas"]["WebhookEventEnum"][];
            /** @default true */
            active?: boolean;
        };
        /** @enum {string} */
        PolicyEnum: "verified_or_accepted" | "verified" | "not_rejected";
        /** @description Clean-up of every mask a click, a propagation or an automatic masklet produces. */
        PostprocessSettings: {
            /**
             * @description fill holes smaller than this area (px); 0: off
             * @default 64
             */
            fill_holes_px?: number;
            /**
             * @description remove mask regions smaller than this area (px); 0: off
             * @default 32
             */
            min_region_px?: number;
            /**
             * @description morphological opening kernel side (px); 0: off
             * @default 0
             */
            open_px?: number;
            /**
             * @description morphological closing kernel side (px); 0: off
             * @default 0
             */
            close_px?: number;
        };
        ProjectInRequest: {
            name: string;
            /** @default  */
            description?: string;
            /** Format: double */
            annotation_fps?: number | null;
            settings?: components["schemas"]["ProjectSettings"];
        };
        /** @description A project from `selectors.projects.projects_for`, which annotates `my_role` and `video_count`. */
        ProjectOut: {
            readonly id: number;
            readonly name: string;
            readonly description: string;
            /** Format: double */
            readonly annotation_fps: number | null;
            /** @description the project's overrides; defaults apply to the rest */
            readonly settings: components["schemas"]["ProjectSettings"];
            readonly my_role: (components["schemas"]["RoleEnum"] | components["schemas"]["NullEnum"]) | null;
            readonly video_count: number;
            /** Format: date-time */
            readonly created_at: string;
        };
        ProjectSettings: {
            propagation?: components["schemas"]["PropagationSettings"];
            postprocess?: components["schemas"]["PostprocessSettings"];
            automask?: components["schemas"]["AutomaskSettings"];
            delivery?: components["schemas"]["DeliverySettings"];
            qa?: components["schemas"]["QASettings"];
            models?: components["schemas"]["ModelSettings"];
            concepts?: components["schemas"]["ConceptSettings"];
        };
        /** @description The mask a click produced on its frame, as the interactive worker stored it. */
        PromptAnswerOut: {
            readonly frame: number;
            readonly rle: components["schemas"]["Rle"];
            /**
             * Format: double
             * @description the model's predicted IoU
             */
            readonly score: number;
            readonly backend: components["schemas"]["BackendEnum"];
            /** @description the model that answered, as roles name it */
            readonly model: string;
            /** @description the backend and model that answered */
            readonly provenance: components["schemas"]["ProvenanceOut"];
            /**
             * @description whether the frame's image features were reused or computed (null: not known)
             *
             *     * `cached` - cached
             *     * `computed` - computed
             */
            readonly image_features: (components["schemas"]["ImageFeaturesEnum"] | components["schemas"]["NullEnum"]) | null;
            readonly mask: components["schemas"]["MaskPayloadOut"];
        };
        PromptInRequest: {
            frame: number;
            points?: number[][];
            labels?: number[];
            box?: number[] | null;
            /** @default false */
            reset?: boolean;
            /**
             * @description model role (rapid, accurate, concept) the operator maps to an installed model; omitted: the project's default role (GET /api/status/ lists the roles)
             *
             *     * `rapid` - rapid
             *     * `accurate` - accurate
             *     * `concept` - concept
             */
            role?: (components["schemas"]["ModelRoleEnum"] | components["schemas"]["NullEnum"]) | null;
        };
        PropagationInRequest: {
            masklets: number[];
            start_frame: number;
            /** @default forward */
            direction?: components["schemas"]["DirectionEnum"];
            max_frames?: number | null;
            /**
             * @description model role (rapid, accurate, concept) the operator maps to an installed model; omitted: the project's default role (GET /api/status/ lists the roles)
             *
             *     * `rapid` - rapid
             *     * `accurate` - accurate
             *     * `concept` - concept
             */
            role?: (components["schemas"]["ModelRoleEnum"] | components["schemas"]["NullEnum"]) | null;
        };
        PropagationSettings: {
            /**
             * @description frames a propagation reaches per direction, counting its start frame; null: to the video's end
             * @default null
             */
            max_frames?: number | null;
        };
        /**
         * @description * `sav` - sav
         *     * `all-objects` - all-objects
         * @enum {string}
         */
        ProtocolEnum: "sav" | "all-objects";
        /** @description What a worker runs, or what produced a mask or ran a job (models/provenance.py). */
        ProvenanceOut: {
            /** @description null: a worker's announcement, not a stored row */
            readonly id: number | null;
            /** @description "sam2", "edgetam", "sam3" or "opencv" */
            readonly backend: string;
            /** @description sam2 config name, or opencv-<version> */
            readonly model: string;
            /** @description checkpoint file name ('' for OpenCV) */
            readonly checkpoint: string;
            readonly checkpoint_sha256: string;
            readonly device: string;
            readonly dtype: string;
            /** @description model input side in pixels; 0: none */
            readonly image_size: number;
            readonly label: string;
        };
        QAFlagOut: {
            id: number;
            masklet: number;
            masklet_number: number;
            kind: components["schemas"]["QAFlagOutKindEnum"];
            frame_start: number;
            frame_end: number;
            /** Format: double */
            value: number;
            other: number | null;
            /** Format: date-time */
            created: string;
        };
        /**
         * @description * `temporal` - Temporal
         *     * `area_jump` - Area Jump
         *     * `fragmentation` - Fragmentation
         *     * `flicker` - Flicker
         *     * `overlap` - Overlap
         *     * `low_score` - Low Score
         *     * `tiny` - Tiny
         * @enum {string}
         */
        QAFlagOutKindEnum: "temporal" | "area_jump" | "fragmentation" | "flicker" | "overlap" | "low_score" | "tiny";
        /** @description Automated QA thresholds (annotation/evaluation/qa.py explains each check). */
        QASettings: {
            /**
             * @description flag consecutive annotated frames whose IoU is lower
             * @default 0.5
             */
            temporal_iou_min?: number;
            /**
             * @description flag an area change by more than this factor
             * @default 2
             */
            area_jump_ratio?: number;
            /**
             * @description smallest connected component counted (px)
             * @default 16
             */
            min_component_px?: number;
            /**
             * @description vanish and return within this many frames
             * @default 3
             */
            flicker_frames?: number;
            /**
             * @description flag two masklets sharing more than this of the smaller
             * @default 0.2
             */
            overlap_max?: number;
            /**
             * @description flag stored model scores below this
             * @default 0.5
             */
            score_min?: number;
            /**
             * @description flag non-empty masks smaller than this share of the frame
             * @default 0.0001
             */
            tiny_fraction?: number;
        };
        QualityAnnotatorOut: {
            /** Format: double */
            j: number | null;
            /** Format: double */
            f: number | null;
            /** Format: double */
            jf: number | null;
            /** @description ground-truth objects scored */
            objects: number;
            matched: number;
            missed: number;
            extra: number;
            annotator: number | null;
            annotator_name: string;
        };
        QualityGroupOut: {
            /** Format: double */
            j: number | null;
            /** Format: double */
            f: number | null;
            /** Format: double */
            jf: number | null;
            /** @description ground-truth objects scored */
            objects: number;
            matched: number;
            missed: number;
            extra: number;
            video: number;
            annotator: number | null;
            annotator_name: string;
            task: number | null;
            frame_start: number;
            frame_end: number;
            objects_detail: components["schemas"]["QualityObjectOut"][];
            extra_masklets: number[];
        };
        QualityObjectOut: {
            ground_truth: number;
            matched: number | null;
            /** Format: double */
            j: number | null;
            /** Format: double */
            f: number | null;
            /** Format: double */
            jf: number | null;
        };
        QualityReportOut: {
            overall: components["schemas"]["QualitySummaryOut"];
            annotators: components["schemas"]["QualityAnnotatorOut"][];
            tasks: components["schemas"]["QualityTaskOut"][];
            groups: components["schemas"]["QualityGroupOut"][];
        };
        QualitySummaryOut: {
            /** Format: double */
            j: number | null;
            /** Format: double */
            f: number | null;
            /** Format: double */
            jf: number | null;
            /** @description ground-truth objects scored */
            objects: number;
            matched: number;
            missed: number;
            extra: number;
        };
        QualityTaskOut: {
            /** Format: double */
            j: number | null;
            /** Format: double */
            f: number | null;
            /** Format: double */
            jf: number | null;
            /** @description ground-truth objects scored */
            objects: number;
            matched: number;
            missed: number;
            extra: number;
            task: number;
        };
        QueueStatusOut: {
            readonly queue: string;
            readonly workers: components["schemas"]["LiveWorkerOut"][];
            /** @description the distinct models the live workers run */
            readonly models: components["schemas"]["ProvenanceOut"][];
        };
        ReviewQueueItemOut: {
            masklet: number;
            number: number;
            name: string;
            status: string;
            video: number;
            video_name: string;
            flag_count: number;
            /** @description flagged annotated frames summed over the flags */
            risk: number;
            kinds: string[];
        };
        RevokedOut: {
            readonly revoked: number;
        };
        /** @description A mask as COCO compressed RLE: `size` [height, width] in pixels, column-major `counts`. */
        Rle: {
            size: number[];
            counts: string;
        };
        /** @description A mask as COCO compressed RLE: `size` [height, width] in pixels, column-major `counts`. */
        RleRequest: {
            size: number[];
            counts: string;
        };
        /**
         * @description * `manager` - Manager
         *     * `annotator` - Annotator
         *     * `reviewer` - Reviewer
         * @enum {string}
         */
        RoleEnum: "manager" | "annotator" | "reviewer";
        RoleStatusOut: {
            readonly role: components["schemas"]["ModelRoleEnum"];
            readonly description: string;
            /** @description the model mapped; null: any worker */
            readonly model: string | null;
            /** @description models the live workers serving it hold */
            readonly models: string[];
            readonly interactive_workers: string[];
            readonly batch_workers: string[];
            /** @description a live worker serves this role */
            readonly served: boolean;
        };
        /**
         * @description * `project` - project
         *     * `own` - own
         * @enum {string}
         */
        ScopeEnum: "project" | "own";
        SessionOut: {
            /** @description the logged-in user, or null for nobody */
            readonly user: components["schemas"]["MeOut"] | null;
        };
        /**
         * @description * `prompt` - Prompt
         *     * `propagated` - Propagated
         *     * `auto` - Auto
         *     * `edited` - Edited
         *     * `imported` - Imported
         * @enum {string}
         */
        SourceEnum: "prompt" | "propagated" | "auto" | "edited" | "imported";
        StatusOut: {
            readonly backend: components["schemas"]["BackendEnum"];
            readonly backend_label: string;
            readonly version: string;
            readonly queues: components["schemas"]["QueueStatusOut"][];
            readonly roles: components["schemas"]["RoleStatusOut"][];
        };
        /** @description One entry of a task's activity feed: a state change, a comment, or the task's creation. */
        TaskActivityOut: {
            readonly kind: components["schemas"]["TaskActivityOutKindEnum"];
            readonly action: string;
            readonly from_state: string;
            readonly to_state: string;
            readonly user: string | null;
            readonly text: string;
            /** Format: date-time */
            readonly created_at: string;
        };
        /**
         * @description * `created` - created
         *     * `transition` - transition
         *     * `comment` - comment
         * @enum {string}
         */
        TaskActivityOutKindEnum: "created" | "transition" | "comment";
        TaskCommentInRequest: {
            text: string;
        };
        TaskInRequest: {
            video: number;
            /** @default 0 */
            frame_start?: number;
            frame_end?: number | null;
            assignee?: number | null;
            reviewer?: number | null;
        };
        TaskOut: {
            readonly id: number;
            readonly project: number;
            readonly video: number;
            readonly video_name: string;
            readonly frame_start: number;
            readonly frame_end: number | null;
            readonly assignee: number | null;
            readonly assignee_name: string | null;
            readonly reviewer: number | null;
            readonly reviewer_name: string | null;
            readonly state: components["schemas"]["TaskStateEnum"];
            /** @default 0 */
            readonly masklet_count: number;
            /**
             * @description frames of the range with a mask
             * @default 0
             */
            readonly annotated_frames: number;
            /**
             * @description frames in the task's range
             * @default 0
             */
            readonly frame_total: number;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly updated_at: string;
        };
        /**
         * @description * `new` - New
         *     * `in_progress` - In Progress
         *     * `submitted` - Submitted
         *     * `accepted` - Accepted
         *     * `rejected` - Rejected
         * @enum {string}
         */
        TaskStateEnum: "new" | "in_progress" | "submitted" | "accepted" | "rejected";
        TimelineOut: {
            readonly frame_count: number;
            readonly masklets: components["schemas"]["TimelineRowOut"][];
        };
        TimelineRowOut: {
            /** @description masklet id */
            readonly id: number;
            /** @description [frame, source, area] of every stored mask: annotated-frame index, how the mask was made (MaskOut.source), area in pixels */
            readonly frames: (number | string)[][];
            readonly prompt_frames: number[];
        };
        TokenInRequest: {
            /** @default  */
            name?: string;
        };
        TransitionInRequest: {
            action: components["schemas"]["ActionEnum"];
            /** @default  */
            comment?: string;
        };
        /**
         * @description * `text` - text
         *     * `select` - select
         *     * `checkbox` - checkbox
         * @enum {string}
         */
        TypeEnum: "text" | "select" | "checkbox";
        UserOut: {
            readonly id: number;
            readonly username: string;
        };
        /** @description A video from `selectors.videos.videos_for`, which annotates `ingest_job` and `queue_position`. */
        VideoOut: {
            readonly id: number;
            readonly project: number;
            readonly name: string;
            /** @default uploaded */
            readonly status: components["schemas"]["VideoOutStatusEnum"];
            readonly error: string;
            readonly kind: string;
            readonly codec: string;
            readonly width: number | null;
            readonly height: number | null;
            readonly display_width: number | null;
            readonly display_height: number | null;
            /** Format: double */
            readonly source_fps: number | null;
            readonly source_frame_count: number | null;
            /** Format: double */
            readonly duration: number | null;
            /** Format: double */
            readonly annotation_fps: number | null;
            readonly frame_count: number;
            /** @description source timestamp (s) of each annotated frame */
            readonly frame_times: number[];
            /** @description hex SHA-256 of the uploaded file */
            readonly content_hash: string;
            /** @description the video's latest ingest job */
            readonly job: number | null;
            /** @description of the video's ingest job, while the job waits: its place among the jobs waiting on its queue (1 = next); null once it runs */
            readonly queue_position: number | null;
            readonly thumbnail_url: string | null;
            /** Format: date-time */
            readonly created_at: string;
        };
        /**
         * @description * `uploaded` - Uploaded
         *     * `processing` - Processing
         *     * `ready` - Ready
         *     * `failed` - Failed
         * @enum {string}
         */
        VideoOutStatusEnum: "uploaded" | "processing" | "ready" | "failed";
        VideoUploadInRequest: {
            /** Format: binary */
            file: string;
            name?: string;
        };
        /** @description The new webhook and its secret: shown this once, never again. */
        WebhookCreatedOut: {
            readonly id: number;
            readonly project: number;
            /** Format: uri */
            readonly url: string;
            readonly events: string[];
            readonly active: boolean;
            /** Format: date-time */
            readonly created_at: string;
            readonly secret: string;
        };
        WebhookDeliveryOut: {
            readonly id: number;
            readonly event: components["schemas"]["WebhookEventEnum"];
            readonly status: components["schemas"]["DeliveryStatusEnum"];
            readonly status_code: number | null;
            readonly attempts: number;
            readonly last_error: string;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly delivered_at: string | null;
            readonly body: string;
        };
        /**
         * @description * `task.submitted` - Task Submitted
         *     * `task.accepted` - Task Accepted
         *     * `task.rejected` - Task Rejected
         *     * `export.finished` - Export Finished
         *     * `job.failed` - Job Failed
         *     * `qa.flagged` - Qa Flagged
         * @enum {string}
         */
        WebhookEventEnum: "task.submitted" | "task.accepted" | "task.rejected" | "export.finished" | "job.failed" | "qa.flagged";
        WebhookInRequest: {
            /** Format: uri */
            url: string;
            events: components["schemas"]["WebhookEventEnum"][];
            /** @default true */
            active?: boolean;
        };
        WebhookOut: {
            readonly id: number;
            readonly project: number;
            /** Format: uri */
            readonly url: string;
            readonly events: string[];
            readonly active: boolean;
            /** Format: date-time */
            readonly created_at: string;
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
    accounts_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["AccountInRequest"];
                "multipart/form-data": components["schemas"]["AccountInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_csrf_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_login_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["LoginInRequest"];
                "multipart/form-data": components["schemas"]["LoginInRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins: wait the seconds of the Retry-After header. */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_logout_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_me_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeOut"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_password_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChangeInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PasswordChangeInRequest"];
                "multipart/form-data": components["schemas"]["PasswordChangeInRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins: wait the seconds of the Retry-After header. */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_session_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_token_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginTokenInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["LoginTokenInRequest"];
                "multipart/form-data": components["schemas"]["LoginTokenInRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewTokenOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins: wait the seconds of the Retry-After header. */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_tokens_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiTokenOut"][];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_tokens_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TokenInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["TokenInRequest"];
                "multipart/form-data": components["schemas"]["TokenInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewTokenOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_tokens_revoke_all: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokedOut"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_tokens_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    invitations_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationPublicOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    invitations_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["InvitationAcceptInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["InvitationAcceptInRequest"];
                "multipart/form-data": components["schemas"]["InvitationAcceptInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JoinedOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the object's state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    issues_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedIssuePatchRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PatchedIssuePatchRequest"];
                "multipart/form-data": components["schemas"]["PatchedIssuePatchRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    issues_comments_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["CommentInRequest"];
                "multipart/form-data": components["schemas"]["CommentInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    jobs_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    jobs_cancel_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    jobs_download_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone: the export file expired (MASKLET_EXPORT_TTL_HOURS); the record stays. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    labels_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    labels_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedLabelPatchRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PatchedLabelPatchRequest"];
                "multipart/form-data": components["schemas"]["PatchedLabelPatchRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabelOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    masklets_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskletOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    masklets_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    masklets_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedMaskletPatchRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PatchedMaskletPatchRequest"];
                "multipart/form-data": components["schemas"]["PatchedMaskletPatchRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskletOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    masklets_masks_list: {
        parameters: {
            query?: {
                end?: number;
                start?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskOut"][];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    masklets_masks_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                frame: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MaskPutRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["MaskPutRequest"];
                "multipart/form-data": components["schemas"]["MaskPutRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskConflictOut"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    masklets_prompts_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromptInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PromptInRequest"];
                "multipart/form-data": components["schemas"]["PromptInRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptAnswerOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["ProjectInRequest"];
                "multipart/form-data": components["schemas"]["ProjectInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedProjectPatchRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PatchedProjectPatchRequest"];
                "multipart/form-data": components["schemas"]["PatchedProjectPatchRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_effort_retrieve: {
        parameters: {
            query?: {
                /**
                 * @description * `annotator` - annotator
                 *     * `task` - task
                 *     * `day` - day
                 *     * `project` - project
                 */
                group?: "annotator" | "task" | "day" | "project";
                since?: string | null;
                until?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EffortOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "projects_effort.csv_retrieve": {
        parameters: {
            query?: {
                /**
                 * @description * `annotator` - annotator
                 *     * `task` - task
                 *     * `day` - day
                 *     * `project` - project
                 */
                group?: "annotator" | "task" | "day" | "project";
                since?: string | null;
                until?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_exports_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_exports_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExportInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["ExportInRequest"];
                "multipart/form-data": components["schemas"]["ExportInRequest"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobRef"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_invitations_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationOut"][];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_invitations_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["InvitationInRequest"];
                "multipart/form-data": components["schemas"]["InvitationInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewInvitationOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_invitations_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                invitation_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the object's state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_labels_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabelOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_labels_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LabelInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["LabelInRequest"];
                "multipart/form-data": components["schemas"]["LabelInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabelOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_members_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_members_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["MemberInRequest"];
                "multipart/form-data": components["schemas"]["MemberInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_members_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                membership_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_quality_report_retrieve: {
        parameters: {
            query?: {
                annotator?: number;
                task?: number;
                video?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QualityReportOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_review_queue_list: {
        parameters: {
            query?: {
                status?: "draft" | "needs_verification" | "rejected" | "verified";
                video?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewQueueItemOut"][];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_tasks_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_tasks_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["TaskInRequest"];
                "multipart/form-data": components["schemas"]["TaskInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_videos_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_videos_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["VideoUploadInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_webhooks_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    projects_webhooks_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["WebhookInRequest"];
                "multipart/form-data": components["schemas"]["WebhookInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCreatedOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    status_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    tasks_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    tasks_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    tasks_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    tasks_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedTaskPatchRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PatchedTaskPatchRequest"];
                "multipart/form-data": components["schemas"]["PatchedTaskPatchRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    tasks_activity_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskActivityOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    tasks_activity_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskCommentInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["TaskCommentInRequest"];
                "multipart/form-data": components["schemas"]["TaskCommentInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskActivityOut"][];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    tasks_transitions_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["TransitionInRequest"];
                "multipart/form-data": components["schemas"]["TransitionInRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    users_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"][];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_activity_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActivityInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["ActivityInRequest"];
                "multipart/form-data": components["schemas"]["ActivityInRequest"];
            };
        };
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_automasklets_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AutomaskletsInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["AutomaskletsInRequest"];
                "multipart/form-data": components["schemas"]["AutomaskletsInRequest"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobRef"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_concepts_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConceptInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["ConceptInRequest"];
                "multipart/form-data": components["schemas"]["ConceptInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_evaluations_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["EvaluationInRequest"];
                "multipart/form-data": components["schemas"]["EvaluationInRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_frames_retrieve: {
        parameters: {
            query?: {
                /** @description display (default) or full */
                size?: "display" | "full";
            };
            header?: never;
            path: {
                id: number;
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                };
            };
            /** @description No response body */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_ground_truth_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroundTruthOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_ground_truth_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["GroundTruthInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["GroundTruthInRequest"];
                "multipart/form-data": components["schemas"]["GroundTruthInRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroundTruthOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_ground_truth_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_imports_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["ImportInRequest"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobRef"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_issues_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_issues_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["IssueInRequest"];
                "multipart/form-data": components["schemas"]["IssueInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_jobs_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_masklets_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskletOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_masklets_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MaskletInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["MaskletInRequest"];
                "multipart/form-data": components["schemas"]["MaskletInRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskletOut"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_masks_list: {
        parameters: {
            query?: {
                end?: number;
                start?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskOut"][];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_propagations_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PropagationInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PropagationInRequest"];
                "multipart/form-data": components["schemas"]["PropagationInRequest"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobRef"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_qa_flags_list: {
        parameters: {
            query?: {
                masklet?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QAFlagOut"][];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_qa_flags_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobRef"];
                };
            };
            /** @description Bad input: `detail` says what is wrong; `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_thumbnail_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                };
            };
            /** @description No response body */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    videos_timeline_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineOut"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or it belongs to a project you are not a member of. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    webhooks_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    webhooks_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedWebhookInRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PatchedWebhookInRequest"];
                "multipart/form-data": components["schemas"]["PatchedWebhookInRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookOut"];
                };
            };
            /** @description Invalid input: `detail` says what, `errors` names the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (see `detail`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than the upload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    webhooks_deliveries_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryOut"][];
                };
            };
            /** @description No valid credentials (a token or a session). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not allowed: `detail` says who may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Busy (every database connection in use, or no worker answered a click in time): try again. */
            503: {
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
