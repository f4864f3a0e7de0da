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
        /** @description The file an export job wrote; members of the project only. */
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
    "/api/projects/{id}/exports/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
    "/api/status/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Which inference backend serves this installation (SAM 2, or the labelled OpenCV fallback). */
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
        };
        /**
         * @description * `sam2` - sam2
         *     * `opencv` - opencv
         * @enum {string}
         */
        BackendEnum: "sam2" | "opencv";
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
        /** @description The body of every error answer (annotation/api/errors.py). */
        ErrorOut: {
            readonly detail: string;
            /** @description a 400's messages by field name */
            readonly errors: {
                [key: string]: string[];
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
        ExportInRequest: {
            format: components["schemas"]["FormatEnum"];
            /** @default false */
            only_verified?: boolean;
            videos?: number[];
            labels?: number[];
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
        };
        /**
         * @description * `ingest` - Ingest
         *     * `segment` - Segment
         *     * `propagate` - Propagate
         *     * `automask` - Automask
         *     * `export` - Export
         *     * `import` - Import
         *     * `qa` - Qa
         * @enum {string}
         */
        JobOutKindEnum: "ingest" | "segment" | "propagate" | "automask" | "export" | "import" | "qa";
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
        };
        LabelOut: {
            readonly id: number;
            readonly name: string;
            readonly color: string;
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
            readonly status: components["schemas"]["MaskletOutStatusEnum"];
            readonly origin: components["schemas"]["OriginEnum"];
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
         * @description * `draft` - Draft
         *     * `needs_verification` - Needs Verification
         *     * `verified` - Verified
         *     * `rejected` - Rejected
         * @enum {string}
         */
        MaskletOutStatusEnum: "draft" | "needs_verification" | "verified" | "rejected";
        /**
         * @description * `draft` - draft
         *     * `needs_verification` - needs_verification
         *     * `verified` - verified
         *     * `rejected` - rejected
         * @enum {string}
         */
        MaskletPatchStatusEnum: "draft" | "needs_verification" | "verified" | "rejected";
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
         * @enum {string}
         */
        OriginEnum: "manual" | "auto" | "imported";
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
        };
        PatchedMaskletPatchRequest: {
            label?: number | null;
            name?: string;
            status?: components["schemas"]["MaskletPatchStatusEnum"];
            /** @default  */
            comment?: string;
        };
        PatchedProjectPatchRequest: {
            name?: string;
            description?: string;
            /** Format: double */
            annotation_fps?: number | null;
            settings?: {
                [key: string]: unknown;
            };
        };
        PatchedTaskPatchRequest: {
            frame_start?: number;
            frame_end?: number | null;
            assignee?: number | null;
            reviewer?: number | null;
        };
        ProjectInRequest: {
            name: string;
            /** @default  */
            description?: string;
            /** Format: double */
            annotation_fps?: number | null;
            settings?: {
                [key: string]: unknown;
            };
        };
        /** @description A project from `selectors.projects.projects_for`, which annotates `my_role` and `video_count`. */
        ProjectOut: {
            readonly id: number;
            readonly name: string;
            readonly description: string;
            /** Format: double */
            readonly annotation_fps: number | null;
            readonly settings: {
                [key: string]: unknown;
            };
            readonly my_role: (components["schemas"]["RoleEnum"] | components["schemas"]["NullEnum"]) | null;
            readonly video_count: number;
            /** Format: date-time */
            readonly created_at: string;
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
        };
        PropagationInRequest: {
            masklets: number[];
            start_frame: number;
            /** @default forward */
            direction?: components["schemas"]["DirectionEnum"];
            max_frames?: number | null;
        };
        /**
         * @description * `sav` - sav
         *     * `all-objects` - all-objects
         * @enum {string}
         */
        ProtocolEnum: "sav" | "all-objects";
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
        /**
         * @description * `prompt` - Prompt
         *     * `propagated` - Propagated
         *     * `auto` - Auto
         *     * `edited` - Edited
         *     * `imported` - Imported
         * @enum {string}
         */
        SourceEnum: "prompt" | "propagated" | "auto" | "edited" | "imported";
        /**
         * @description * `new` - New
         *     * `in_progress` - In Progress
         *     * `submitted` - Submitted
         *     * `accepted` - Accepted
         *     * `rejected` - Rejected
         * @enum {string}
         */
        StateEnum: "new" | "in_progress" | "submitted" | "accepted" | "rejected";
        StatusOut: {
            readonly backend: components["schemas"]["BackendEnum"];
            readonly backend_label: string;
            readonly version: string;
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
            readonly state: components["schemas"]["StateEnum"];
            /** @default 0 */
            readonly masklet_count: number;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly updated_at: string;
        };
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
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
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description The request conflicts with the object's state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskConflictOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No credentials, or a token that is wrong, expired or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description The request conflicts with the object's state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
            /** @description Not allowed (or a one-time password still to be changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description No such object, or not one you can see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
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
        };
    };
}
